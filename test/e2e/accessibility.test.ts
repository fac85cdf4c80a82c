// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { servePackage, type ServedPackage } from './support/packageServer';
import { answer, courseData, courseFrame, goTo } from './support/coursePlayer';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the course frame and returns the WCAG 2.1 A/AA violations, summarised. */
async function violations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axeSource);
  const found = await frame.evaluate(
    async (runTags) =>
      (
        await (
          window as unknown as {
            axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(document, {
          runOnly: { type: 'tag', values: runTags },
        })
      ).violations,
    tags,
  );
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('accessibility of the sample course (axe-core, WCAG 2.1 A/AA)', function () {
  let served: ServedPackage;
  let browser: Browser;
  let page: Page;

  before(async () => {
    served = await servePackage('exempel', 'scorm2004');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await served?.close();
  });
  afterEach(async () => page?.close());

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 740 },
  ]) {
    it(`has no violation on any page, in both languages, before and after answering (${viewport.width}px)`, async () => {
      page = await browser.newPage({ viewport });
      await page.goto(served.harnessUrl());
      const frame = await courseFrame(page);
      const course = await courseData(frame);
      const found: string[] = [];
      for (const lang of course.languages) {
        if (lang !== 'sv') {
          await frame.click('[data-switch-lang="en"]:not([hidden])');
          await frame.waitForFunction(() => document.documentElement.lang === 'en');
        }
        for (const lesson of [...course.lessons.map((l) => l.id), 'summary']) {
          await goTo(frame, lesson, lang);
          found.push(...(await violations(frame)).map((v) => `${lang}/${lesson}: ${v}`));
          const questions = course.questions.filter((q) => q.lesson === lesson);
          for (const [index, q] of questions.entries()) await answer(frame, q, index % 2 === 0, lang);
          if (questions.length > 0)
            found.push(...(await violations(frame)).map((v) => `${lang}/${lesson} answered: ${v}`));
        }
      }
      expect(found).to.deep.equal([]);
    });
  }

  it('shows the no-LMS notice without violations', async () => {
    page = await browser.newPage();
    await page.goto(`${served.origin}/course/index.html`);
    await page.waitForSelector('#lms-notice p:not([hidden])');
    expect(await violations(page.mainFrame())).to.deep.equal([]);
  });
});
