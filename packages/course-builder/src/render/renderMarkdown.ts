import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { Marked, type Tokens } from 'marked';
import type { CourseModel, LessonText } from '../source/CourseModel';
import type { ProblemList } from '../source/ProblemList';

/** A lesson body as HTML, plus the images it uses (paths relative to the course folder). */
export interface RenderedBody {
  readonly html: string;
  readonly images: readonly string[];
}

export const paramPattern = /\{\{\s*param\.([A-Za-z0-9_]+)\s*\}\}/g;

/** 1-based line of `offset` inside `text`, shifted to the file line the text starts on. */
function lineAt(text: string, offset: number, firstLine: number): number {
  return firstLine + (text.slice(0, Math.max(0, offset)).match(/\n/g)?.length ?? 0);
}

/** Replaces `{{param.key}}` with the value from parameters.yaml; an unknown key is a problem. */
export function substituteParameters(
  text: string,
  model: CourseModel,
  file: string,
  firstLine: number,
  problems: ProblemList,
): string {
  return text.replace(paramPattern, (match, key: string, offset: number) => {
    const parameter = model.parameters.get(key);
    if (parameter) return parameter.value;
    problems.add(
      file,
      lineAt(text, offset, firstLine),
      `unknown parameter "${key}" in ${match} (not in parameters.yaml)`,
    );
    return match;
  });
}

/**
 * Renders a lesson body. Headings move down one level is NOT done: the source must start at `##`
 * (the lesson title is the page's h1), and an `#` heading is a problem. Every image needs alt
 * text and must exist under images/.
 */
export function renderMarkdown(model: CourseModel, lesson: LessonText, problems: ProblemList): RenderedBody {
  const body = substituteParameters(lesson.body, model, lesson.file, lesson.bodyLine, problems);
  const images: string[] = [];
  const imagesDir = resolve(model.dir, 'images');
  const at = (raw: string): number => lineAt(body, body.indexOf(raw), lesson.bodyLine);
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(token: Tokens.Heading): string | false {
        if (token.depth === 1)
          problems.add(
            lesson.file,
            at(token.raw),
            'headings in a lesson start at ## (the lesson title is the page heading)',
          );
        return false;
      },
      image(token: Tokens.Image): string {
        const alt = token.text.trim();
        if (!alt)
          problems.add(
            lesson.file,
            at(token.raw),
            `image ${token.href} has no alt text: write ![description](${token.href})`,
          );
        const absolute = resolve(model.dir, 'lessons', token.href);
        if (!absolute.startsWith(imagesDir + sep) || !existsSync(absolute)) {
          problems.add(
            lesson.file,
            at(token.raw),
            `image ${token.href} not found in the course's images/ folder`,
          );
          return '';
        }
        const packaged = relative(model.dir, absolute).split(sep).join('/');
        images.push(packaged);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<img src="${escapeHtml(packaged)}" alt="${escapeHtml(alt)}"${title}>`;
      },
    },
  });
  return { html: marked.parse(body, { async: false }), images };
}

/** Plain text of rendered HTML (for readability measures). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
