/**
 * Builds the trainer's handbook (docs/handbok/*.md) into accessible HTML in dist/docs/handbok/:
 * one page per chapter, README.md as index.html, Swedish `lang`, landmarks, one h1, a skip link,
 * a chapter list on every page and previous/next links, links between chapters rewritten from .md
 * to .html, and one stylesheet (contrast, visible focus, phone screens, print).
 *
 * Run: `npm run docs` (also part of `npm run build`). Independent of the course builder on purpose:
 * the handbook is plain documentation.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';

const repoRoot = join(__dirname, '..');
const sourceDir = join(repoRoot, 'docs', 'handbok');
const outDir = join(repoRoot, 'dist', 'docs', 'handbok');

/** One handbook page: its source file, its output file and its title (the Markdown's only `#`). */
interface Chapter {
  readonly source: string;
  readonly file: string;
  readonly title: string;
  readonly markdown: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** README.md is the index; NN-name.md becomes NN-name.html. */
export function htmlName(markdownFile: string): string {
  return markdownFile === 'README.md' ? 'index.html' : markdownFile.replace(/\.md$/, '.html');
}

/** An id for a heading, the way GitHub makes them (so links written for GitHub keep working). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Rewrites a link to another handbook page from .md to .html; other links stay as they are. */
export function rewriteHref(href: string): string {
  const match = /^([\w.-]+\.md)(#.*)?$/.exec(href);
  return match?.[1] ? `${htmlName(match[1])}${match[2] ?? ''}` : href;
}

function readChapters(): Chapter[] {
  const files = readdirSync(sourceDir)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
  return files.map((source) => {
    const markdown = readFileSync(join(sourceDir, source), 'utf8');
    const titles = markdown.match(/^# .+$/gm) ?? [];
    if (titles.length !== 1)
      throw new Error(`docs/handbok/${source}: needs exactly one "# " heading (found ${titles.length})`);
    return { source, file: htmlName(source), title: titles[0].slice(2).trim(), markdown };
  });
}

function renderBody(markdown: string): string {
  const used = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Heading): string {
        const inner = this.parser.parseInline(token.tokens);
        const base = slugify(inner);
        const count = used.get(base) ?? 0;
        used.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count}`;
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
      link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link): string {
        const inner = this.parser.parseInline(token.tokens);
        const href = rewriteHref(token.href);
        const external = /^https?:/.test(href) ? ' rel="noopener"' : '';
        return `<a href="${escapeHtml(href)}"${external}>${inner}</a>`;
      },
    },
  });
  const html = marked.parse(markdown, { async: false });
  // Wide tables scroll sideways on a phone; the scrolling box is focusable and named.
  let tables = 0;
  return html.replace(/<table>[\s\S]*?<\/table>/g, (table) => {
    tables++;
    return `<div class="table-scroll" role="region" tabindex="0" aria-label="Tabell ${tables}">${table}</div>`;
  });
}

function page(chapter: Chapter, index: number, chapters: readonly Chapter[]): string {
  const previous = chapters[index - 1];
  const next = chapters[index + 1];
  const nav = chapters
    .map((c) => {
      const current = c === chapter ? ' aria-current="page"' : '';
      return `<li><a href="${c.file}"${current}>${escapeHtml(c.file === 'index.html' ? 'Start och innehåll' : c.title)}</a></li>`;
    })
    .join('\n        ');
  const pager = [
    previous
      ? `<a class="previous" href="${previous.file}"><span class="pager-label">Föregående:</span> ${escapeHtml(previous.title)}</a>`
      : '',
    next
      ? `<a class="next" href="${next.file}"><span class="pager-label">Nästa:</span> ${escapeHtml(next.title)}</a>`
      : '',
  ].join('\n      ');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(chapter.title)}${chapter.file === 'index.html' ? '' : ' – Handbok i metodutveckling för anordnare'}</title>
<link rel="stylesheet" href="handbok.css">
</head>
<body>
<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
<header class="site-header">
  <p class="site-title"><a href="index.html">Handbok i metodutveckling för anordnare</a></p>
</header>
<div class="layout">
  <nav class="chapters" aria-label="Kapitel">
    <ol>
        ${nav}
    </ol>
  </nav>
  <main id="innehall" tabindex="-1">
${renderBody(chapter.markdown)}
    <nav class="pager" aria-label="Föregående och nästa kapitel">
      ${pager}
    </nav>
  </main>
</div>
<footer class="site-footer">
  <p>Handboken hör till utbildningarna i Kompetenta. Källtext: docs/handbok/${escapeHtml(chapter.source)}.</p>
</footer>
</body>
</html>
`;
}

/** Builds every page and the stylesheet; returns the written file names. */
export function buildDocs(): string[] {
  const chapters = readChapters();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'handbok.css'), readFileSync(join(__dirname, 'handbok.css')));
  chapters.forEach((chapter, index) =>
    writeFileSync(join(outDir, chapter.file), page(chapter, index, chapters)),
  );
  return ['handbok.css', ...chapters.map((c) => c.file)];
}

if (require.main === module) {
  const started = Date.now();
  const written = buildDocs();
  console.log(`docs: ${written.length} files in dist/docs/handbok (${Date.now() - started} ms)`);
}
