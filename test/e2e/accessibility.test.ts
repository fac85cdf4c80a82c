// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations as violations } from './support/axe';
import { launchBrowser } from './support/browser';
import { servePackage, type ServedPackage } from './support/packageServer';
import { answer, courseData, courseFrame, goTo } from './support/coursePlayer';
import { courseSlugs, sampleCourse } from './support/e2eCourses';
import type { ScormVersion } from '@kompetenta/scorm-runtime';

const desktop = { width: 1280, height: 900 };
const phone = { width: 360, height: 740 };

/**
 * What runs: every page of every course in SCORM 2004 on a desktop screen. The page is the same HTML
 * in both versions except for the version named in the course data, and the same template and CSS
 * on every course, so the sample course (which exercises every feature of the format) also runs on
 * a phone screen and in SCORM 1.2. That keeps the whole e2e tier within a few minutes.
 */
const runs: { slug: string; version: ScormVersion; viewport: { width: number; height: number } }[] = [
  ...courseSlugs.map((slug) => ({ slug, version: 'scorm2004' as const, viewport: desktop })),
  { slug: sampleCourse, version: 'scorm2004', viewport: phone },
  { slug: sampleCourse, version: 'scorm12', viewport: desktop },
];

for (const slug of courseSlugs)
  describe(`accessibility of ${slug} (axe-core, WCAG 2.1 A/AA)`, function () {
    const servedBy = new Map<ScormVersion, ServedPackage>();
    let browser: Browser;
    let page: Page;

    before(async () => {
      for (const run of runs.filter((r) => r.slug === slug && !servedBy.has(r.version)))
        servedBy.set(run.version, await servePackage(slug, run.version));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      for (const served of servedBy.values()) await served.close();
    });
    afterEach(async () => page?.close());

    for (const { version, viewport } of runs.filter((r) => r.slug === slug)) {
      it(`has no violation on any page, in every language, before and after answering (${version}, ${viewport.width}px)`, async () => {
        page = await browser.newPage({ viewport });
        await page.goto(servedBy.get(version)!.harnessUrl());
        const frame = await courseFrame(page);
        const course = await courseData(frame);
        const found: string[] = [];
        let pages = 0;
        for (const lang of course.languages) {
          if (lang !== 'sv') {
            await frame.click('[data-switch-lang="en"]:not([hidden])');
            await frame.waitForFunction(() => document.documentElement.lang === 'en');
          }
          for (const lesson of [...course.lessons.map((l) => l.id), 'summary']) {
            await goTo(frame, lesson, lang);
            found.push(...(await violations(frame)).map((v) => `${lang}/${lesson}: ${v}`));
            pages++;
            const questions = course.questions.filter((q) => q.lesson === lesson);
            for (const [index, q] of questions.entries()) await answer(frame, q, index % 2 === 0, lang);
            if (questions.length > 0)
              found.push(...(await violations(frame)).map((v) => `${lang}/${lesson} answered: ${v}`));
          }
        }
        expect(pages).to.equal(course.languages.length * (course.lessons.length + 1));
        expect(found).to.deep.equal([]);
      });
    }

    it('shows the no-LMS notice without violations', async () => {
      page = await browser.newPage();
      await page.goto(`${servedBy.get('scorm2004')!.origin}/course/index.html`);
      await page.waitForSelector('#lms-notice p:not([hidden])');
      expect(await violations(page.mainFrame())).to.deep.equal([]);
    });
  });
