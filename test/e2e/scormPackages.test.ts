// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { manifestProblems } from '@kompetenta/course-builder';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import { launchBrowser } from './support/browser';
import { servePackage, type ServedPackage } from './support/packageServer';
import {
  answer,
  calls,
  cmi,
  courseData,
  courseFrame,
  goTo,
  initializeNames,
  playThrough,
  showsRightAnswer,
  terminateNames,
  waitForTerminate,
} from './support/coursePlayer';
import { courseSlugs, sampleCourse, scormVersions } from './support/e2eCourses';
import { schemasDir, xmllint } from './support/xmllint';

/** The interaction type each question type is reported as (the same name in 1.2 and 2004). */
const interactionTypes: Record<string, string> = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'true-false',
  ordering: 'sequencing',
  matching: 'matching',
};

/** Status fields as the two versions name them. */
function statusOf(
  version: ScormVersion,
  data: Record<string, unknown>,
): { completion: string; success: string; raw: string; scaled?: string } {
  if (version === 'scorm12') {
    const core = data['core'] as { lesson_status: string; score: { raw: string } };
    return { completion: core.lesson_status, success: core.lesson_status, raw: core.score.raw };
  }
  const d = data as {
    completion_status: string;
    success_status: string;
    score: { raw: string; scaled: string };
  };
  return {
    completion: d.completion_status,
    success: d.success_status,
    raw: d.score.raw,
    scaled: d.score.scaled,
  };
}

for (const slug of courseSlugs)
  for (const version of scormVersions) {
    describe(`${slug} as ${version} in scorm-again`, function () {
      let served: ServedPackage;
      let browser: Browser;
      let page: Page;

      before(async () => {
        served = await servePackage(slug, version);
        browser = await launchBrowser();
      });
      after(async () => {
        await browser?.close();
        await served?.close();
      });
      beforeEach(async () => {
        page = await browser.newPage();
        page.on('pageerror', (error) => {
          throw error;
        });
      });
      afterEach(async () => page?.close());

      it('has a manifest that validates against the official XSDs', function () {
        const dir = schemasDir();
        if (!dir) {
          console.log(
            '      SCORM schemas not found (../shared/schemas or SCORM_SCHEMAS_DIR): skipping the XSD step only',
          );
          return this.skip();
        }
        const result = xmllint(version, join(served.dir, 'imsmanifest.xml'), dir);
        expect(result.status, result.stderr).to.equal(0);
      });

      it('names every packaged file in the manifest and packages every named file', () => {
        const manifest = served.files.get('imsmanifest.xml')?.toString('utf8') ?? '';
        expect(manifestProblems(manifest, version, [...served.files.keys()])).to.deep.equal([]);
        expect([...served.files.keys()]).to.include.members([
          'imsmanifest.xml',
          'index.html',
          'assets/course.css',
          'assets/runtime.js',
          ...(slug === sampleCourse ? ['images/cirkel.svg'] : []),
        ]);
      });

      it('completes and passes with the right score when every answer is right', async () => {
        await page.goto(served.harnessUrl());
        const frame = await courseFrame(page);
        const course = await playThrough(page, frame, true);
        const log = await calls(page);
        expect(initializeNames).to.include(log[0]?.method);
        expect(terminateNames).to.include(log[log.length - 1]?.method);
        expect(log.filter((c) => c.error !== '0')).to.deep.equal([]);
        const status = statusOf(version, await cmi(page));
        expect(status.raw).to.equal('100');
        if (version === 'scorm12') expect(status.completion).to.equal('passed');
        else
          expect([status.completion, status.success, status.scaled]).to.deep.equal([
            'completed',
            'passed',
            '1',
          ]);
        const data = await cmi(page);
        const interactions = data['interactions'] as Record<string, { result: string; type: string }>;
        const records = Object.values(interactions).filter(
          (i) => typeof i === 'object' && i && 'result' in i,
        );
        expect(records).to.have.length(course.questions.length);
        expect(records.map((r) => r.result)).to.deep.equal(course.questions.map(() => 'correct'));
        expect(records.map((r) => r.type)).to.deep.equal(
          course.questions.map((q) => interactionTypes[q.type]),
        );
      });

      it('fails with a score below the mastery score when answers are wrong', async () => {
        await page.goto(served.harnessUrl());
        const frame = await courseFrame(page);
        // Right on the first question only (1 of 7 = 14 % in the sample), below the mastery score of 80 %.
        const course = await playThrough(page, frame, (_q, index) => index === 0);
        const log = await calls(page);
        expect(log.filter((c) => c.error !== '0')).to.deep.equal([]);
        const status = statusOf(version, await cmi(page));
        const percent = Math.round(100 / course.questions.length);
        expect(percent).to.be.below(course.masteryScore);
        expect(status.raw).to.equal(String(percent));
        if (version === 'scorm12') expect(status.completion).to.equal('failed');
        else expect([status.completion, status.success]).to.deep.equal(['completed', 'failed']);
      });

      it('resumes at the same lesson with the answers kept after closing mid-course', async () => {
        await page.goto(served.harnessUrl(true));
        await page.evaluate(() => (window as unknown as { harness: { launch(): void } }).harness.launch());
        let frame = await courseFrame(page);
        const course = await courseData(frame);
        // One answer in the first lesson; then, in the second lesson, a multiple-choice question if it
        // has one, and its first reflection.
        const [first, second] = course.lessons.map((l) => l.id);
        const q1 = course.questions.find((q) => q.lesson === first)!;
        await answer(frame, q1, true);
        await goTo(frame, second!);
        const inSecond = course.questions.filter((q) => q.lesson === second);
        const q2 = inSecond.find((q) => q.type === 'multiple') ?? inSecond[0]!;
        await answer(frame, q2, true);
        const reflection = `[data-lang="sv"] section[data-page="${second}"] textarea[data-reflection]`;
        const hasReflection = (await frame.$(reflection)) !== null;
        if (hasReflection) {
          await frame.fill(reflection, 'En bra träff hade pauser.');
          await frame.press(reflection, 'Tab');
        }
        await page.evaluate(() => (window as unknown as { harness: { unload(): void } }).harness.unload());
        await waitForTerminate(page);
        expect((await calls(page)).filter((c) => c.error !== '0')).to.deep.equal([]);
        const saved = await page.evaluate(() =>
          (window as unknown as { harness: { savedCmi(): unknown } }).harness.savedCmi(),
        );

        await page.evaluate(
          (cmiData) =>
            (window as unknown as { harness: { launch(s: unknown): void } }).harness.launch(cmiData),
          saved,
        );
        frame = await courseFrame(page);
        expect(await frame.isVisible(`[data-lang="sv"] section[data-page="${second}"] h1`)).to.equal(true);
        expect(await showsRightAnswer(frame, q1), q1.id).to.equal(true);
        expect(await showsRightAnswer(frame, q2), q2.id).to.equal(true);
        const untouched = course.questions.filter((q) => q !== q1 && q !== q2);
        for (const q of untouched)
          expect(
            await frame.isHidden(`[data-lang="sv"] [data-question="${q.id}"] [data-verdict="correct"]`),
          ).to.equal(true);
        if (slug === sampleCourse)
          expect(hasReflection, 'the sample has a reflection in lesson 2').to.equal(true);
        if (hasReflection) expect(await frame.inputValue(reflection)).to.equal('En bra träff hade pauser.');
        const log = await calls(page);
        expect(initializeNames).to.include(log[0]?.method);
        expect(log.find((c) => c.args[0] === 'cmi.core.entry' || c.args[0] === 'cmi.entry')?.result).to.equal(
          'resume',
        );
        expect(log.filter((c) => c.error !== '0')).to.deep.equal([]);
      });

      it('works without an LMS, shows a notice and tracks nothing', async () => {
        await page.goto(`${served.origin}/course/index.html`);
        await page.waitForSelector('#lms-notice p:not([hidden])');
        expect(await page.textContent('#lms-notice')).to.contain('Ingen lärplattform');
        const second = (await courseData(page.mainFrame())).lessons[1]?.id ?? 'summary';
        await page.click(`nav[data-lang="sv"] [data-goto="${second}"]`);
        expect(await page.isVisible(`[data-lang="sv"] section[data-page="${second}"] h1`)).to.equal(true);
      });
    });
  }
