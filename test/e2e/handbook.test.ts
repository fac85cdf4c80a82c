// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildDocs, htmlName } from '../../scripts/build-docs';
import { launchBrowser } from './support/browser';
import { repoRoot } from './support/packageServer';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const outDir = join(repoRoot, 'dist', 'docs', 'handbok');

/** Serves the built handbook on 127.0.0.1 (404 for anything missing, so broken links show). */
async function serveHandbook(): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    try {
      const data = readFileSync(join(outDir, name));
      const type = name.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8';
      res.writeHead(200, { 'content-type': type }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the handbook as HTML (docs/handbok → dist/docs/handbok)', function () {
  const sources = readdirSync(join(repoRoot, 'docs', 'handbok')).filter((f) => f.endsWith('.md'));
  let origin: string;
  let server: Server;
  let browser: Browser;
  let page: Page;

  before(async () => {
    buildDocs();
    ({ origin, server } = await serveHandbook());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => page?.close());

  it('builds one page per Markdown file, README.md as index.html', () => {
    expect(sources).to.include('README.md');
    const built = readdirSync(outDir);
    expect(built).to.include.members(['index.html', 'handbok.css', ...sources.map(htmlName)]);
  });

  for (const source of ['README.md', ...sources.filter((s) => s !== 'README.md').sort()]) {
    it(`${htmlName(source)}: lang sv, landmarks, one h1, skip link, chapter navigation, no axe violation`, async () => {
      await page.goto(`${origin}/${htmlName(source)}`);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
        banner: document.querySelectorAll('body > header').length,
        chapters: document.querySelectorAll('nav.chapters a').length,
        current: document.querySelector('nav.chapters a[aria-current="page"]')?.getAttribute('href'),
        skipTarget: document.querySelector('.skip-link')?.getAttribute('href'),
      }));
      expect(facts).to.deep.equal({
        lang: 'sv',
        h1: 1,
        main: 1,
        banner: 1,
        chapters: sources.length,
        current: htmlName(source),
        skipTarget: '#innehall',
      });
      // The skip link is the first stop for the keyboard and shows a visible focus outline.
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          cls: el.className,
          outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
        };
      });
      expect(focus.cls).to.equal('skip-link');
      expect(focus.outline).to.be.at.least(2);

      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () =>
        (
          await (
            window as unknown as {
              axe: {
                run(
                  ctx: Document,
                  o: unknown,
                ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          })
        ).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      expect(violations).to.deep.equal([]);
    });
  }

  it('has no broken internal link: every page and every #anchor a link points to exists', async () => {
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    for (const source of sources) {
      const file = htmlName(source);
      await page.goto(`${origin}/${file}`);
      ids.set(file, new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id))));
    }
    let checked = 0;
    for (const source of sources) {
      const file = htmlName(source);
      await page.goto(`${origin}/${file}`);
      const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs.filter((h) => !/^[a-z]+:/.test(h))) {
        checked++;
        const [target, anchor] = href.split('#') as [string, string | undefined];
        const targetFile = target === '' ? file : target;
        if (target.endsWith('.md')) broken.push(`${file}: ${href} still points to Markdown`);
        else if (!ids.has(targetFile)) broken.push(`${file}: ${href} (no such page)`);
        else if (anchor && !ids.get(targetFile)?.has(anchor))
          broken.push(`${file}: ${href} (no such anchor)`);
      }
    }
    expect(checked).to.be.above(sources.length * sources.length);
    expect(broken).to.deep.equal([]);
  });
});
