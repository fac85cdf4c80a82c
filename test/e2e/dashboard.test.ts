// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { createTestDatabase, type TestDatabase } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { dashboardApp, signIn } from '../../packages/lti-server/test/integration/exports/dashboardWorld';
import { seedExportWorld } from '../../packages/lti-server/test/integration/exports/exportWorld';
import {
  seedAttempt,
  seedFailedMessage,
} from '../../packages/lti-server/test/integration/exports/outboxWorld';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

describe('staff dashboard in Chromium (axe-core, WCAG 2.1 A/AA)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  let eventId: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    const world = await seedExportWorld(database.db);
    const attemptId = await seedAttempt(database.db, world.gemenskap, 'Lova Lärande');
    await seedFailedMessage(database.db, 'grade', world.gemenskap, 'LMS answered 400', attemptId);
    await seedFailedMessage(database.db, 'mail', world.lyftet, 'SMTP 550 no such mailbox');
    eventId = (await database.db.stores.events.list())[0]!.id;
    const staff = await signIn(database.db, null, 'programme_staff', 'Programme Staff');
    server = dashboardApp(database.db).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext();
    const [name, value] = staff.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.dispose();
  });

  for (const [what, path] of [
    ['the dashboard in Swedish', '/dashboard?to=2026-06-30'],
    ['the dashboard in English', '/dashboard?lang=en'],
    ['a dashboard with a bad filter', '/dashboard?from=2026-13-01'],
    ['the event list', '/dashboard/events'],
    ['the create-event form', '/dashboard/events/new'],
    ['the failed messages in Swedish', '/dashboard/outbox'],
    ['the failed messages in English', '/dashboard/outbox?lang=en'],
  ] as const) {
    it(`has no violations on ${what}`, async () => {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status()).to.equal(200);
      expect(await axeViolations(page)).to.deep.equal([]);
    });
  }

  it('has no violations on the create-event form with every problem shown, and on the upload page', async () => {
    await page.goto(`${base}/dashboard/events/new`);
    await page.click('button[type=submit]:has-text("Spara aktiviteten")');
    await page.waitForSelector('[role=alert]');
    expect(await page.locator('[aria-invalid=true]').count()).to.be.greaterThan(2);
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.goto(`${base}/dashboard/events/${eventId}/attendance/upload`);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it('has no violations on the failed messages after "Försök igen"', async () => {
    await page.goto(`${base}/dashboard/outbox`);
    await page.click('button[type=submit]:has-text("Försök igen")');
    await page.waitForSelector('[role=status]');
    expect(await axeViolations(page)).to.deep.equal([]);
  });
});
