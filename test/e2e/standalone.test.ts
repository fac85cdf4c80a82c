// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { issueHandoffLink } from '../../packages/lti-server/src/session/handoff';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { answer, courseData, goTo } from './support/coursePlayer';
import { startE2eServer, type E2eServer } from './support/e2eServer';
import { apiInitialised, savedCommit, scoFrame } from './support/playerSlice';

/** The text of every `.eml` in the outbox folder, decoded from quoted-printable soft breaks. */
function emlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) =>
      readFileSync(join(dir, name), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '='),
    );
}

/** Waits (with a deadline) until the mail worker has written an `.eml` that matches. */
async function waitForEml(dir: string, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const text of emlFiles(dir)) {
      const match = pattern.exec(text);
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`no .eml matching ${String(pattern)} in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('standalone learners in Chromium: invite → e-mail → sign in → play the course → completion e-mail → certificate', function () {
  this.timeout(300_000);
  let server: E2eServer;
  let browser: Browser;

  before(async function () {
    this.timeout(300_000); // builds courses/exempel on start
    server = await startE2eServer({ courses: ['exempel'] });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin invites, the invitee signs in from the .eml link, completes the course in the player and gets the certificate', async () => {
    const { base, outbox } = server;
    const stores = server.kompetenta.database.stores;
    const organisation = await stores.organisations.create({ name: 'Byalaget Norrgården' });
    const admin = await stores.people.upsertByEmail({
      organisationId: organisation.id,
      email: 'asa@norrgarden.se',
      name: 'Åsa Berg',
    });
    await stores.access.grant(admin.id, 'org_admin');

    const adminPage = await (await browser.newContext()).newPage();
    await adminPage.goto(
      `${base}${await issueHandoffLink(stores, { personId: admin.id, organisationId: organisation.id }, new Date())}`,
    );
    await adminPage.fill('#lista', 'linnea@norrgarden.se; Linnea Ek');
    await adminPage.click('button:has-text("Skicka inbjudningar")');
    await adminPage.waitForSelector('text=1 person fick en inbjudan');
    expect(await axeViolations(adminPage)).to.deep.equal([]);

    // The admin also invites the organisation to an event from /org/events (axe on the form and
    // on the page after sending).
    const event = await stores.events.create({
      type: 'natverkstraff',
      title: 'Nätverksträff i Norrgården',
      startsAt: new Date(Date.now() + 2 * 86_400_000),
      hours: 3,
      place: 'Bygdegården',
    });
    await adminPage.click('a:has-text("Bjud in till en nätverksträff eller ett seminarium")');
    await adminPage.waitForURL(`${base}/org/events`);
    expect(await axeViolations(adminPage)).to.deep.equal([]);
    await adminPage.click('button:has-text("Skicka inbjudningar")');
    await adminPage.waitForSelector('text=inbjudningar skickas');
    expect(await axeViolations(adminPage)).to.deep.equal([]);
    const [checkinLink] = await waitForEml(outbox, new RegExp(`${base}/checkin/[\\w.-]+`));
    expect((await stores.audit.list({ action: 'event.invite' }))[0]?.subject).to.equal(`event:${event.id}`);
    const early = await (await browser.newContext()).newPage();
    expect((await early.goto(checkinLink))?.status()).to.equal(403);
    expect(await early.textContent('h1')).to.equal('Anmälan har inte öppnat än');

    const [link] = await waitForEml(outbox, new RegExp(`${base}/signin/[A-Za-z0-9_-]{43}`));
    const learner = await (await browser.newContext()).newPage();
    await learner.goto(link);
    expect(await learner.textContent('main')).to.contain('Linnea Ek');
    expect(await axeViolations(learner)).to.deep.equal([]);
    await learner.click('button:has-text("Logga in")');
    await learner.waitForURL(`${base}/courses`);
    expect(await learner.textContent('main')).to.contain('Exempelkurs');
    expect(await axeViolations(learner)).to.deep.equal([]);
    const cookie = (await learner.context().cookies()).find((c) => c.name === 'kompetenta_session');
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Lax' });

    // The same player as LTI learners: the SCO runs against the player's API and commits.
    await learner.click('button:has-text("Starta")');
    await learner.waitForURL(/\/play\/[0-9a-f-]{36}\?token=/);
    const attemptId = /\/play\/([0-9a-f-]{36})/.exec(learner.url())![1]!;
    const frame = await scoFrame(learner);
    expect(await apiInitialised(learner), 'the SCO initialised the player API').to.equal(true);
    const course = await courseData(frame);
    for (const lesson of course.lessons) {
      await goTo(frame, lesson.id);
      for (const q of course.questions.filter((x) => x.lesson === lesson.id)) await answer(frame, q, true);
    }
    await goTo(frame, 'summary');
    const finalCommit = savedCommit(learner, (body) => body.cmi['cmi.exit'] === 'normal');
    await frame.click('[data-lang="sv"] [data-finish]');
    await finalCommit;
    const attempt = await stores.attempts.get(organisation.id, attemptId);
    expect(attempt.completionStatus).to.equal('completed');

    // The commit that completed the attempt enqueued the completion e-mail; the worker wrote it.
    const [certificateUrl] = await waitForEml(outbox, new RegExp(`${base}/certificate/${attemptId}`));
    await learner.goto(certificateUrl);
    const certificate = await learner.textContent('main');
    expect(certificate)
      .to.contain('Linnea Ek')
      .and.contain('Exempelkurs')
      .and.match(/0,5 timmar/);
    expect(await axeViolations(learner)).to.deep.equal([]);

    const signIn = await (await browser.newContext()).newPage();
    await signIn.goto(`${base}/signin`);
    expect(await axeViolations(signIn)).to.deep.equal([]);
    await signIn.fill('#epost', 'linnea@norrgarden.se');
    await signIn.click('button:has-text("Skicka inloggningslänk")');
    await signIn.waitForSelector('text=Om adressen finns hos oss');
    expect(await axeViolations(signIn)).to.deep.equal([]);
  });
});
