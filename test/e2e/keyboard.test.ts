// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser, Frame, Page } from 'playwright-core';
import type { RuntimeCourse } from '@kompetenta/course-builder';
import { launchBrowser } from './support/browser';
import { servePackage, type ServedPackage } from './support/packageServer';
import { calls, cmi, courseData, courseFrame, waitForTerminate } from './support/coursePlayer';
import { courseSlugs } from './support/e2eCourses';

type Question = RuntimeCourse['questions'][number];

/**
 * Presses Tab until the focused element in the course matches `selector` (only keys reach the page;
 * the DOM is read to know when to stop). Also checks that the focused element shows a focus outline.
 */
async function tabTo(page: Page, frame: Frame, selector: string): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const outline = await frame.evaluate((sel) => {
      const el = document.activeElement;
      if (!document.hasFocus() || !el?.matches(sel)) return undefined;
      const style = getComputedStyle(el);
      return style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    }, selector);
    if (outline !== undefined) {
      expect(outline, `visible focus on ${selector}`).to.be.at.least(2);
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Answers one question rightly with the keyboard only. */
async function answerByKeyboard(page: Page, frame: Frame, q: Question): Promise<void> {
  const box = `[data-lang="sv"] [data-question="${q.id}"]`;
  if (q.type === 'single' || q.type === 'truefalse') {
    // Tab enters an unchecked radio group on its first option; arrows move and select, Space selects.
    const target = q.type === 'single' ? q.answerIds.indexOf(q.correctIds[0] ?? '') : q.answer ? 0 : 1;
    await tabTo(page, frame, `${box} input[type="radio"]`);
    await press(page, target === 0 ? 'Space' : 'ArrowDown', Math.max(1, target));
  } else if (q.type === 'multiple') {
    for (const id of q.correctIds) {
      await tabTo(page, frame, `${box} input[value="${id}"]`);
      await press(page, 'Space');
    }
  } else if (q.type === 'ordering') {
    for (const [target, id] of q.answerIds.entries()) {
      const order = await frame.$$eval(`${box} li[data-item]`, (lis) =>
        lis.map((li) => li.getAttribute('data-item')),
      );
      const steps = order.indexOf(id) - target;
      if (steps <= 0) continue;
      await tabTo(page, frame, `${box} li[data-item="${id}"] [data-move="up"]`);
      await press(page, steps % 2 === 0 ? 'ArrowUp' : 'Enter'); // both keys move the item
      await press(page, 'ArrowUp', steps - 1);
    }
  } else {
    for (const id of q.answerIds) {
      const select = `${box} select[data-pair="${id}"]`;
      const index = await frame.$eval(
        select,
        (s, value) => Array.from((s as HTMLSelectElement).options).findIndex((o) => o.value === value),
        id,
      );
      await tabTo(page, frame, select);
      await press(page, 'ArrowDown', index);
      expect(await frame.inputValue(select)).to.equal(id);
    }
  }
  await tabTo(page, frame, `${box} [data-check]`);
  await press(page, 'Enter');
  await frame.waitForSelector(`${box} [data-verdict="correct"]:not([hidden])`);
}

// SCORM 2004 only: the keyboard path is the same page in 1.2 (scormPackages.test.ts plays both versions).
for (const slug of courseSlugs)
  describe(`keyboard-only run of ${slug}`, function () {
    let served: ServedPackage;
    let browser: Browser;

    before(async () => {
      served = await servePackage(slug, 'scorm2004');
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await served?.close();
    });

    it('completes and passes the course with Tab, Enter, Space and arrow keys only', async () => {
      const page = await browser.newPage();
      await page.goto(served.harnessUrl());
      const frame = await courseFrame(page);
      const course = await courseData(frame);
      for (const [index, lesson] of course.lessons.entries()) {
        await frame.waitForSelector(`[data-lang="sv"] section[data-page="${lesson.id}"]:not([hidden])`);
        for (const q of course.questions.filter((x) => x.lesson === lesson.id))
          await answerByKeyboard(page, frame, q);
        const next = course.lessons[index + 1]?.id ?? 'summary';
        await tabTo(
          page,
          frame,
          `[data-lang="sv"] section[data-page="${lesson.id}"] .pager [data-goto="${next}"]`,
        );
        await press(page, 'Enter');
        // The new page's heading takes focus, so the next Tab starts in the new lesson.
        await frame.waitForFunction(
          (id) => document.activeElement?.closest('section')?.getAttribute('data-page') === id,
          next,
        );
      }
      await tabTo(page, frame, '[data-lang="sv"] [data-finish]');
      await press(page, 'Enter');
      await waitForTerminate(page);
      const data = (await cmi(page)) as {
        completion_status: string;
        success_status: string;
        score: { raw: string };
      };
      expect([data.completion_status, data.success_status, data.score.raw]).to.deep.equal([
        'completed',
        'passed',
        '100',
      ]);
      expect((await calls(page)).filter((c) => c.error !== '0')).to.deep.equal([]);
      await page.close();
    });
  });
