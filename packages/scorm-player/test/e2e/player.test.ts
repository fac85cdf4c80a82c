// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { checkCourse, type RuntimeCourse } from '@kompetenta/course-builder';
import { initialCmiForLaunch, validateCmiCommit } from '@kompetenta/scorm-runtime';
import type { PlayerPageConfig } from '../../../lti-server/src/pages/playerPage';
import { launchBrowser } from '../../../../test/e2e/support/browser';
import { answer, courseData, goTo, showsRightAnswer } from '../../../../test/e2e/support/coursePlayer';
import { coursesDir } from '../../../../test/e2e/support/packageServer';
import { attemptId, startPlayerServer, type PlayerServer, type RecordedCommit } from './support/playerServer';

const slug = 'exempel';
const learner = { id: 'learner-1', name: 'Sara Berg' };
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Version = '1.2' | '2004';

interface PlayerApi {
  isInitialized(): boolean;
  GetValue?(element: string): string;
  LMSGetValue?(element: string): string;
}

interface PlayerWindow {
  API?: PlayerApi;
  API_1484_11?: PlayerApi;
}

/** The elements the tests read, as each version names them. */
const names = {
  '1.2': {
    api: 'API',
    location: 'cmi.core.lesson_location',
    exit: 'cmi.core.exit',
    learnerId: 'cmi.core.student_id',
  },
  '2004': { api: 'API_1484_11', location: 'cmi.location', exit: 'cmi.exit', learnerId: 'cmi.learner_id' },
} as const;

/** The course's lessons as the launch puts them in the page config. */
function lessons(): PlayerPageConfig['course']['lessons'] {
  const model = checkCourse(coursesDir, slug).prepared?.model;
  if (!model) throw new Error(`courses/${slug} does not validate`);
  return model.lessons.map((l) => ({ id: l.id, title: l.texts.sv.title, minutes: l.texts.sv.minutes }));
}

/** Waits for the SCO in the player's iframe to show its first page. */
async function sco(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#kp-frame');
  for (;;) {
    const frame = await handle.contentFrame();
    if (frame?.url().includes('/content/')) {
      await frame.waitForSelector('section.page:not([hidden]) h1');
      return frame;
    }
    await page.waitForEvent('framenavigated');
  }
}

/** Runs axe-core on the player page (not inside the course: test/e2e checks the course) for WCAG 2.1 A/AA. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; help: string; nodes: { target: string[] }[] };
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
}

function increasing(commits: readonly RecordedCommit[]): boolean {
  return commits.every((c, i) => i === 0 || c.seq > (commits[i - 1]?.seq ?? 0));
}

const location = (c: RecordedCommit | undefined, version: Version = '2004'): unknown =>
  c?.cmi[names[version].location];

describe('scorm-player in Chromium with a real SCO (courses/exempel)', function () {
  let server: PlayerServer;
  let browser: Browser;
  let page: Page;
  let course: RuntimeCourse;
  let pagesOpened = 0;

  /** Serves the page with this initial CMI and opens it. */
  async function open(
    initialCmi: Record<string, string | number>,
    nextSeq: number,
    version: Version = '2004',
    exitUrl: string | null = null,
  ) {
    server.configure({
      lang: 'sv',
      scormVersion: version,
      attemptId,
      contentUrl: server.contentUrl(version),
      commitUrl: server.commitUrl(`page-${++pagesOpened}`),
      initialCmi,
      nextSeq,
      course: { title: 'Exempelkurs <i>med</i> "tecken" & </script>', lessons: lessons() },
      exitUrl,
    });
    await page.goto(`${server.origin}/play/${attemptId}`);
    const frame = await sco(page);
    course = await courseData(frame);
    return frame;
  }

  const fresh = (version: Version = '2004') =>
    initialCmiForLaunch(version, {}, learner, { totalTimeSeconds: 0 }) as Record<string, string>;

  before(async () => {
    // The bundle under test is the current source, even when only `tsc -b` ran since the last edit.
    const bundled = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'bundle.mjs')], {
      encoding: 'utf8',
    });
    expect(bundled.status, bundled.stderr).to.equal(0);
    server = await startPlayerServer(slug);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    server.failNext(0);
    page = await browser.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterEach(async () => {
    if (!page.isClosed()) await page.close();
  });

  for (const version of ['2004', '1.2'] as const)
    it(`runs a SCORM ${version} SCO against its ${names[version].api} and commits {seq, cmi}: seq increasing from nextSeq, flattened CMI that validates`, async () => {
      const frame = await open(fresh(version), 5, version);
      const api = names[version].api;
      expect(await page.evaluate((n) => (window as PlayerWindow)[n]?.isInitialized(), api)).to.equal(true);
      const learnerId = await page.evaluate(
        ([n, element]) => {
          const found = (window as PlayerWindow)[n];
          return (found?.GetValue ?? found?.LMSGetValue)?.call(found, element);
        },
        [api, names[version].learnerId] as const,
      );
      expect(learnerId).to.equal(learner.id);
      const first = course.lessons[0]?.id ?? '';
      await goTo(frame, first);
      await server.waitFor('a commit at the first lesson', (c) =>
        c.some((x) => location(x, version) === first),
      );
      const commits = server.commits;
      expect(commits[0]?.seq).to.equal(5);
      expect(increasing(commits), JSON.stringify(commits.map((c) => c.seq))).to.equal(true);
      for (const commit of commits) {
        expect(commit.contentType).to.match(/^application\/json/);
        for (const [element, value] of Object.entries(commit.cmi)) {
          expect(element).to.match(/^(cmi|adl)\./);
          // Flat: a string or number per element; scorm-again writes an empty collection as {}.
          const flat =
            typeof value === 'string' || typeof value === 'number' || JSON.stringify(value) === '{}';
          expect(flat, `${element}: ${JSON.stringify(value)}`).to.equal(true);
        }
        const validated = validateCmiCommit(version, commit.cmi);
        expect(validated.ok, JSON.stringify(validated)).to.equal(true);
      }
    });

  it('shows progress from the SCO: lessons done and passed, in the text and the <progress>', async () => {
    const frame = await open(fresh(), 1);
    // Showing the first lesson may already complete it (a lesson without questions is done when seen).
    expect(await page.textContent('#kp-progress-text')).to.match(
      new RegExp(`^[01] av ${course.lessons.length} lektioner klara$`),
    );
    for (const lesson of course.lessons) {
      await goTo(frame, lesson.id);
      for (const q of course.questions.filter((x) => x.lesson === lesson.id)) await answer(frame, q, true);
    }
    await goTo(frame, 'summary');
    const n = course.lessons.length;
    await page.waitForFunction(
      (text) => document.getElementById('kp-progress-text')?.textContent === text,
      `${n} av ${n} lektioner klara. Godkänd`,
    );
    expect(
      await page.$eval('#kp-progress', (p) => [
        (p as HTMLProgressElement).value,
        (p as HTMLProgressElement).max,
      ]),
    ).to.deep.equal([n, n]);
  });

  for (const version of ['2004', '1.2'] as const)
    it(`SCORM ${version}: sends the final commit by sendBeacon as text/plain when the page closes, and a reload with that CMI resumes at the bookmark`, async () => {
      const frame = await open(fresh(version), 1, version);
      const lesson = course.lessons[1]?.id ?? '';
      const question = course.questions.find((q) => q.lesson === lesson);
      if (!question) throw new Error(`no question in ${lesson}`);
      await goTo(frame, lesson);
      await answer(frame, question, true);
      await server.waitFor('a commit with the answer', (c) => c.some((x) => location(x, version) === lesson));
      await page.close();
      const isFinal = (x: RecordedCommit): boolean =>
        x.contentType.startsWith('text/plain') && x.cmi[names[version].exit] === 'suspend';
      await server.waitFor('the final commit by beacon', (c) => c.some(isFinal));
      const beacon = server.commits.find(isFinal);
      expect(beacon?.contentType.toLowerCase()).to.equal('text/plain;charset=utf-8');
      expect(beacon?.seq).to.equal(Math.max(...server.commits.map((c) => c.seq)));
      expect(location(beacon, version)).to.equal(lesson);

      const stored = validateCmiCommit(version, server.stored()?.cmi);
      if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
      const resumeCmi = initialCmiForLaunch(version, stored.cmi, learner, { totalTimeSeconds: 60 });
      expect(resumeCmi[version === '1.2' ? 'cmi.core.entry' : 'cmi.entry']).to.equal('resume');
      const nextSeq = (beacon?.seq ?? 0) + 1;
      page = await browser.newPage();
      const resumed = await open(resumeCmi as Record<string, string | number>, nextSeq, version);
      expect(await resumed.isVisible(`[data-lang="sv"] section[data-page="${lesson}"] h1`)).to.equal(true);
      expect(await showsRightAnswer(resumed, question)).to.equal(true);
      await server.waitFor('a commit after resuming', (c) => c.length > 0);
      expect(server.commits[0]?.seq).to.equal(nextSeq);
    });

  it('retries a commit the server fails (503), tells the learner politely, and ends with the latest CMI stored', async () => {
    server.failNext(2);
    const frame = await open(fresh(), 1);
    await page.waitForFunction(() =>
      /Vi kan inte spara just nu/.test(document.getElementById('kp-status')?.textContent ?? ''),
    );
    const last = course.lessons[course.lessons.length - 1]?.id ?? '';
    await goTo(frame, last);
    await server.waitFor('the latest CMI stored', (c) =>
      c.some((x) => x.status === 200 && location(x) === last),
    );
    await page.waitForFunction(() => document.getElementById('kp-status')?.textContent === 'Sparat.');
    expect(server.commits.filter((c) => c.status === 503)).to.have.length(2);
    const stored = server.stored();
    expect(location(stored)).to.equal(last);
    expect(stored?.seq).to.equal(Math.max(...server.commits.map((c) => c.seq)));
  });

  it('"Avsluta" goes to the exit URL once the last commit is saved, when the launch gave one', async () => {
    server.failNext(1);
    await open(fresh(), 1, '2004', '/lti/done');
    await page.click('#kp-exit');
    await page.waitForURL(`${server.origin}/lti/done`);
    const stored = server.stored();
    expect(stored?.seq).to.equal(Math.max(...server.commits.map((c) => c.seq)));
    expect(stored?.cmi['cmi.exit']).to.equal('suspend');
  });

  it('"Avsluta" lets the SCO commit and terminate, saves, and then says the window can be closed', async () => {
    const frame = await open(fresh(), 1);
    const lesson = course.lessons[0]?.id ?? '';
    await goTo(frame, lesson);
    await page.click('#kp-exit');
    await page.waitForSelector('#kp-done:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('kp-done');
    expect(await page.textContent('#kp-done h2')).to.equal('Du kan stänga fönstret');
    expect(await page.evaluate(() => (window as PlayerWindow).API_1484_11?.isInitialized())).to.equal(false);
    const stored = server.stored();
    expect(stored?.seq).to.equal(Math.max(...server.commits.map((c) => c.seq)));
    expect(stored?.cmi['cmi.exit']).to.equal('suspend');
    expect(location(stored)).to.equal(lesson);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 320, height: 640 },
  ])
    it(`has no WCAG 2.1 A/AA violations (axe-core) at ${viewport.width} px, and the course fills the rest of the screen`, async () => {
      await page.setViewportSize(viewport);
      await open(fresh(), 1);
      expect(await axeViolations(page)).to.deep.equal([]);
      const layout = await page.evaluate(() => {
        const frame = document.getElementById('kp-frame')?.getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          frameBottom: frame?.bottom ?? 0,
          frameHeight: frame?.height ?? 0,
        };
      });
      expect(layout.scrollWidth, 'no sideways scrolling').to.be.at.most(viewport.width);
      expect(Math.round(layout.frameBottom)).to.equal(viewport.height);
      expect(layout.frameHeight).to.be.above(viewport.height / 2);
    });

  it('works with the keyboard only: Tab reaches the skip link, the exit button (with a visible focus) and then the course', async () => {
    await open(fresh(), 1);
    const focused: string[] = [];
    for (let presses = 0; presses < 10 && !focused.includes('kp-frame'); presses++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''),
      );
      if (focused[focused.length - 1] === 'kp-exit')
        expect(
          await page.$eval('#kp-exit', (b) => parseFloat(getComputedStyle(b).outlineWidth)),
        ).to.be.at.least(2);
    }
    expect(focused).to.deep.equal(['kp-skip', 'kp-exit', 'kp-frame']);
    // Enter on the exit button works like a click.
    await page.focus('#kp-exit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#kp-done:not([hidden])');
  });
});
