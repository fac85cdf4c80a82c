// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { temporaryDataDir, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { enqueueCompletionMail, issueHandoffLink } from '../../packages/lti-server/src/index';
import { loadConfig } from '../../packages/app/src/config/loadConfig';
import { startKompetenta, type Kompetenta } from '../../packages/app/src/main';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

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

describe('standalone learners in Chromium: invite → e-mail → sign in → courses → certificate', function () {
  this.timeout(240_000);
  const data = temporaryDataDir();
  let kompetenta: Kompetenta;
  let browser: Browser;
  let base: string;
  let outbox: string;

  before(async () => {
    const port = await unusedLoopbackPort();
    base = `http://localhost:${port}`;
    mkdirSync(join(data.dir, 'courses'));
    const config = loadConfig(
      {
        PORT: String(port),
        PUBLIC_URL: base,
        DATA_DIR: join(data.dir, 'data'),
        COURSES_DIR: join(data.dir, 'courses'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      },
      data.dir,
    );
    outbox = join(config.dataDir, 'outbox');
    kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
    await kompetenta.database.stores.courses.registerVersion({
      courseSlug: 'demo',
      courseTitle: 'Demokurs för föreningar',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256-demo',
      outline: {
        title: 'Demokurs för föreningar',
        masteryScore: 80,
        lessons: [{ id: 'l1', title: 'Början', minutes: 90 }],
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await kompetenta?.shutdown();
    data.remove();
  });

  it('an admin invites, the invitee signs in from the .eml link, sees the courses and a certificate', async () => {
    const stores = kompetenta.database.stores;
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

    const [link] = await waitForEml(outbox, new RegExp(`${base}/signin/[A-Za-z0-9_-]{43}`));
    const learner = await (await browser.newContext()).newPage();
    await learner.goto(link);
    expect(await learner.textContent('main')).to.contain('Linnea Ek');
    expect(await axeViolations(learner)).to.deep.equal([]);
    await learner.click('button:has-text("Logga in")');
    await learner.waitForURL(`${base}/courses`);
    expect(await learner.textContent('main')).to.contain('Demokurs för föreningar');
    expect(await axeViolations(learner)).to.deep.equal([]);
    const cookie = (await learner.context().cookies()).find((c) => c.name === 'kompetenta_session');
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Lax' });

    await learner.click('button:has-text("Starta")');
    await learner.waitForURL(/\/play\/[0-9a-f-]{36}\?token=/);
    const attemptId = /\/play\/([0-9a-f-]{36})/.exec(learner.url())![1]!;

    // The player's commit handler does not yet call enqueueCompletionMail; complete in the store.
    const person = (await stores.people.list(organisation.id)).find(
      (p) => p.email === 'linnea@norrgarden.se',
    )!;
    const { attempt } = await stores.attempts.applyCommit({
      attemptId,
      organisationId: organisation.id,
      seq: 1,
      cmi: { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 1,
      totalTimeSeconds: 5400,
    });
    expect(attempt.personId).to.equal(person.id);
    await stores.transaction((tx) => enqueueCompletionMail(tx, attempt, base));
    const [certificateUrl] = await waitForEml(outbox, new RegExp(`${base}/certificate/${attemptId}`));
    await learner.goto(certificateUrl);
    const certificate = await learner.textContent('main');
    expect(certificate)
      .to.contain('Linnea Ek')
      .and.contain('Demokurs för föreningar')
      .and.contain('1,5 timmar');
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
