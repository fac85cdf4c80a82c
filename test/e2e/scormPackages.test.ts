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
  terminateNames,
  waitForTerminate,
} from './support/coursePlayer';
import { schemasDir, xmllint } from './support/xmllint';

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

for (const version of ['scorm12', 'scorm2004'] as const) {
  describe(`exempel as ${version} in scorm-again`, function () {
    let served: ServedPackage;
    let browser: Browser;
    let page: Page;

    before(async () => {
      served = await servePackage('exempel', version);
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
        'assets/runtime.js',
        'images/cirkel.svg',
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
      const records = Object.values(interactions).filter((i) => typeof i === 'object' && i && 'result' in i);
      expect(records).to.have.length(course.questions.length);
      expect(records.map((r) => r.result)).to.deep.equal(course.questions.map(() => 'correct'));
      expect(records.map((r) => r.type)).to.include.members([
        'choice',
        'true-false',
        'sequencing',
        'matching',
      ]);
    });

    it('fails with a score below the mastery score when answers are wrong', async () => {
      await page.goto(served.harnessUrl());
      const frame = await courseFrame(page);
      // Right on the first question only: 1 of 5 = 20 %, below the mastery score of 80 %.
      await playThrough(page, frame, (q) => q.id === 'e1-q1');
      const log = await calls(page);
      expect(log.filter((c) => c.error !== '0')).to.deep.equal([]);
      const status = statusOf(version, await cmi(page));
      expect(status.raw).to.equal('20');
      if (version === 'scorm12') expect(status.completion).to.equal('failed');
      else expect([status.completion, status.success]).to.deep.equal(['completed', 'failed']);
    });

    it('resumes at the same lesson with the answers kept after closing mid-course', async () => {
      await page.goto(served.harnessUrl(true));
      await page.evaluate(() => (window as unknown as { harness: { launch(): void } }).harness.launch());
      let frame = await courseFrame(page);
      const course = await courseData(frame);
      const [q1, q2] = course.questions;
      await answer(frame, q1!, true);
      await goTo(frame, 'e2');
      const multiple = course.questions.find((q) => q.type === 'multiple')!;
      await answer(frame, multiple, true);
      await frame.fill('[data-lang="sv"] textarea[data-reflection="e2-r1"]', 'En bra träff hade pauser.');
      await frame.press('[data-lang="sv"] textarea[data-reflection="e2-r1"]', 'Tab');
      await page.evaluate(() => (window as unknown as { harness: { unload(): void } }).harness.unload());
      await waitForTerminate(page);
      expect((await calls(page)).filter((c) => c.error !== '0')).to.deep.equal([]);
      const saved = await page.evaluate(() =>
        (window as unknown as { harness: { savedCmi(): unknown } }).harness.savedCmi(),
      );

      await page.evaluate(
        (cmiData) => (window as unknown as { harness: { launch(s: unknown): void } }).harness.launch(cmiData),
        saved,
      );
      frame = await courseFrame(page);
      expect(await frame.isVisible('[data-lang="sv"] section[data-page="e2"] h1')).to.equal(true);
      expect(
        await frame.isChecked(
          `[data-lang="sv"] [data-question="${q1!.id}"] input[value="${q1!.correctIds[0]}"]`,
        ),
      ).to.equal(true);
      for (const id of multiple.correctIds) {
        expect(
          await frame.isChecked(`[data-lang="sv"] [data-question="${multiple.id}"] input[value="${id}"]`),
        ).to.equal(true);
      }
      expect(await frame.inputValue('[data-lang="sv"] textarea[data-reflection="e2-r1"]')).to.equal(
        'En bra träff hade pauser.',
      );
      expect(q2).to.not.equal(undefined);
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
      await page.click('nav[data-lang="sv"] [data-goto="e2"]');
      expect(await page.isVisible('[data-lang="sv"] section[data-page="e2"] h1')).to.equal(true);
    });
  });
}
