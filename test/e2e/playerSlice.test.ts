// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { answer, courseData, goTo, showsRightAnswer } from './support/coursePlayer';
import {
  apiInitialised,
  apiValue,
  attemptWhere,
  gradeRowsOnceSent,
  launchFromPlatform,
  learnerNamed,
  savedCommit,
  scoFrame,
  startPlayerSlice,
  storedAttempt,
  type PlayerSlice,
} from './support/playerSlice';

const MASTERY = 80; // courses/exempel/course.yaml masteryScore

/** What the gradebook is told by a score, without its timestamp. */
const told = (score: Record<string, unknown>) =>
  JSON.stringify([score.activityProgress, score.gradingProgress, score.scoreGiven ?? null]);

/**
 * The vertical slice of issue 6 in Chromium: LTI launch from the platform emulator → the player
 * page → the SCO (courses/exempel, SCORM 2004) against the player's API → commits to the commit
 * API → the grade outbox → the emulator's AGS score endpoint; then a learner who closes the page
 * mid-course and comes back.
 */
describe('the player slice in Chromium: launch, play, commit, grade, resume', function () {
  this.timeout(300_000);
  let slice: PlayerSlice;
  let browser: Browser;

  before(async function () {
    this.timeout(300_000); // builds courses/exempel on the first start
    slice = await startPlayerSlice();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await slice?.close();
  });

  it('plays the course to completion with a passed quiz, and the score arrives at the AGS line item once per change, in order', async () => {
    const user = learnerNamed('Karin Ek');
    const context = await browser.newContext();
    const { page, attemptId } = await launchFromPlatform(slice, context, user);
    expect(await page.textContent('h1')).to.equal('Exempelkurs');
    expect(await page.title()).to.contain('Exempelkurs');
    const frame = await scoFrame(page);
    expect(await apiInitialised(page), 'the SCO initialised the player API').to.equal(true);
    expect(await apiValue(page, 'cmi.learner_name')).to.equal(user.name);
    expect(await apiValue(page, 'cmi.entry')).to.equal('ab-initio');

    const course = await courseData(frame);
    expect(course.questions.length).to.be.greaterThan(0);
    for (const lesson of course.lessons) {
      await goTo(frame, lesson.id);
      for (const q of course.questions.filter((x) => x.lesson === lesson.id)) await answer(frame, q, true);
    }
    await goTo(frame, 'summary');
    const finalCommit = savedCommit(page, (body) => body.cmi['cmi.exit'] === 'normal');
    await frame.click('[data-lang="sv"] [data-finish]');
    await finalCommit;
    expect(await apiInitialised(page), 'the SCO terminated').to.equal(false);

    const attempt = await storedAttempt(slice, attemptId);
    expect(attempt.scormVersion).to.equal('2004');
    expect(attempt.completionStatus).to.equal('completed');
    expect(attempt.successStatus).to.equal('passed');
    expect(attempt.scoreScaled).to.equal(1);
    expect(attempt.completedAt).to.be.instanceOf(Date);

    const { ags } = slice.emulator;
    const mine = () => ags.scores.filter((s) => s.userId === user.sub);
    await ags.waitFor(
      () =>
        mine().some(
          (s) =>
            told(s.body) ===
            told({ activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: 100 }),
        ),
      'the final score (Completed, FullyGraded, 100) at the AGS endpoint',
      120_000,
    );
    // Every grade row has gone out (the last is marked sent just after the platform answered).
    const rows = await gradeRowsOnceSent(slice, attemptId);
    expect(rows.map((row) => row.status)).to.deep.equal(rows.map(() => 'sent'));

    const received = mine();
    expect(
      ags.ignored.filter((s) => s.userId === user.sub),
      'no score ignored as older',
    ).to.deep.equal([]);
    expect(received.every((s) => s.lineItemId === slice.lineItem.id)).to.equal(true);
    expect(
      ags.answers.every((status) => status === 204),
      `AGS answers: ${ags.answers.join()}`,
    ).to.equal(true);
    expect(received[0]?.body.activityProgress, 'the first commit: in progress').to.equal('InProgress');
    // Exactly the scores the commits enqueued, each once and in order.
    expect(received.map((s) => s.body)).to.deep.equal(rows.map((row) => row.score));
    for (const [index, score] of received.entries()) {
      expect(score.body.scoreMaximum).to.equal(100);
      expect(score.body.gradingProgress).not.to.equal('Failed');
      if (index === 0) continue;
      const before = received[index - 1]!;
      expect(Date.parse(score.timestamp), 'timestamps strictly increase').to.be.greaterThan(
        Date.parse(before.timestamp),
      );
      expect(told(score.body), 'each score tells the gradebook something new').not.to.equal(
        told(before.body),
      );
    }
    const last = received.at(-1)!.body;
    expect(last.activityProgress).to.equal('Completed');
    expect(last.gradingProgress).to.equal('FullyGraded');
    expect(last.scoreGiven).to.be.at.least(MASTERY);
    expect(last.scoreMaximum).to.equal(100);
    await context.close();
  });

  it('closing the page mid-course saves by beacon, and a relaunch resumes the same attempt at the bookmark with the answers kept', async () => {
    const user = learnerNamed('Olle Berg');
    const context = await browser.newContext();
    const first = await launchFromPlatform(slice, context, user);
    const frame = await scoFrame(first.page);
    const course = await courseData(frame);
    const [lesson1, lesson2] = course.lessons;
    if (!lesson1 || !lesson2) throw new Error('courses/exempel needs two lessons');
    const answered = course.questions.filter((q) => q.lesson === lesson1.id || q.lesson === lesson2.id);
    expect(answered.length).to.be.greaterThan(1);
    await goTo(frame, lesson1.id);
    for (const q of answered.filter((x) => x.lesson === lesson1.id)) await answer(frame, q, true);
    await goTo(frame, lesson2.id);
    const lastAnswer = `cmi.interactions.${answered.length - 1}.result`;
    const saved = savedCommit(
      first.page,
      (body) => body.cmi['cmi.location'] === lesson2.id && body.cmi[lastAnswer] === 'correct',
    );
    for (const q of answered.filter((x) => x.lesson === lesson2.id)) await answer(frame, q, true);
    const beforeClose = await saved;

    await first.page.close(); // the final commit (exit suspend) goes by sendBeacon
    const suspended = await attemptWhere(
      slice,
      first.attemptId,
      (a) => a.cmi['cmi.exit'] === 'suspend' && a.commitSeq > beforeClose.seq,
      'the beacon of the closed page (cmi.exit suspend)',
    );
    expect(suspended.cmi['cmi.location']).to.equal(lesson2.id);
    expect(suspended.completionStatus).to.equal('incomplete');

    const again = await launchFromPlatform(slice, context, user);
    expect(again.attemptId, 'the same attempt is resumed').to.equal(first.attemptId);
    const resumed = await scoFrame(again.page);
    expect(await apiValue(again.page, 'cmi.entry')).to.equal('resume');
    expect(await apiValue(again.page, 'cmi.location')).to.equal(lesson2.id);
    expect(await resumed.isVisible(`[data-lang="sv"] section[data-page="${lesson2.id}"] h1`)).to.equal(true);
    for (const q of answered) expect(await showsRightAnswer(resumed, q), q.id).to.equal(true);
    // The new page session numbers its commits after what is stored.
    const lesson3 = course.lessons[2]?.id ?? 'summary';
    const nextSaved = savedCommit(again.page, (body) => body.cmi['cmi.location'] === lesson3);
    await goTo(resumed, lesson3);
    const next = await nextSaved;
    expect(next.seq).to.be.greaterThan(suspended.commitSeq);
    await context.close();
  });

  it('has no WCAG 2.1 A/AA violations (axe-core) on the player page with the SCO loaded', async () => {
    const context = await browser.newContext();
    const { page } = await launchFromPlatform(slice, context, learnerNamed('Sara Lind'));
    await scoFrame(page);
    expect(await apiInitialised(page)).to.equal(true);
    expect(await axeViolations(page)).to.deep.equal([]);
    await context.close();
  });
});
