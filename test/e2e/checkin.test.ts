// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import type { ProgrammeEvent } from '@kompetenta/core';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Kompetenta } from '../../packages/app/src/main';
import { createCheckinLink } from '../../packages/lti-server/src/checkin/checkinLink';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { startE2eServer, type E2eServer } from './support/e2eServer';

const SECRET = 'an e2e check-in secret that is long enough';

/** Presses Tab until the element with `id` has focus (a keyboard user's way through the form). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id ?? '')) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

describe('check-in form in Chromium: axe at 320 px and desktop, keyboard only, recognition, expiry', function () {
  this.timeout(180_000);
  let server: E2eServer;
  let kompetenta: Kompetenta;
  let browser: Browser;
  let base: string;
  let event: ProgrammeEvent;
  let link: string;

  async function peopleCount(): Promise<number> {
    const stores = kompetenta.database.stores;
    const organisations = await stores.organisations.list();
    const people = await Promise.all(organisations.map((org) => stores.people.list(org.id)));
    return people.flat().length;
  }

  before(async () => {
    server = await startE2eServer({ env: { CHECKIN_SECRET: SECRET } });
    ({ kompetenta, base } = server);
    event = await kompetenta.database.stores.events.create({
      type: 'natverkstraff',
      title: 'Nätverksträff i Östersund',
      startsAt: new Date(),
      hours: 4,
    });
    link = (
      await createCheckinLink({
        secret: Buffer.from(SECRET),
        publicUrl: base,
        eventId: event.id,
        now: new Date(),
      })
    ).url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [
    { width: 320, height: 640 },
    { width: 1280, height: 900 },
  ]) {
    it(`has no WCAG 2.1 A/AA violations and no sideways scrolling at ${viewport.width} px, also with errors`, async () => {
      const page = await browser.newPage({ viewport });
      try {
        const response = await page.goto(link);
        expect(response?.status()).to.equal(200);
        expect(await axeViolations(page)).to.deep.equal([]);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(sideways).to.equal(false);
        await page.click('button[type=submit]');
        await page.waitForSelector('#error-summary-title');
        expect(await page.locator('.error').count()).to.equal(5);
        expect(await axeViolations(page)).to.deep.equal([]);
        await page.click('a[lang=en]');
        await page.waitForSelector('html[lang=en]');
        expect(await axeViolations(page)).to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  }

  it('checks in with the keyboard alone, then recognises the same person and adds nobody', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    try {
      const before = await peopleCount();
      await page.goto(link);
      await tabTo(page, 'name');
      await page.keyboard.type('Sara Lind');
      await tabTo(page, 'email');
      await page.keyboard.type('sara.lind@example.se');
      await tabTo(page, 'organisation');
      await page.keyboard.type('Föreningen Ljuset');
      await tabTo(page, 'role-handledare');
      await page.keyboard.press('Space');
      await tabTo(page, 'gender-unset');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, 'consent');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('text=Din närvaro är registrerad');
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await peopleCount()).to.equal(before + 1);

      await page.goto(link);
      await page.fill('#name', 'Sara Lind');
      await page.fill('#email', 'SARA.LIND@example.se');
      await page.fill('#organisation', 'föreningen ljuset');
      await page.check('#role-handledare');
      await page.check('#consent');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Du var redan registrerad');
      expect(await peopleCount()).to.equal(before + 1);
      const attendance = await kompetenta.database.stores.events.listAttendance(event.id);
      expect(attendance).to.have.length(1);
      const profile = await kompetenta.database.stores.profiles.get(attendance[0]!.personId);
      expect(profile).to.include({ role: 'handledare', gender: 'kvinna' });
      // One attendance confirmation e-mail, in the outbox with the attendance, not one per check-in.
      const confirmations = (await kompetenta.database.stores.outbox.list({ topic: 'mail' })).filter(
        (row) => row.idempotencyKey === `attendance:${event.id}:${attendance[0]!.personId}`,
      );
      expect(confirmations).to.have.length(1);
    } finally {
      await page.close();
    }
  });

  it('shows an accessible page for an expired link and stores nothing', async () => {
    const expired = await createCheckinLink({
      secret: Buffer.from(SECRET),
      publicUrl: base,
      eventId: event.id,
      now: new Date(Date.now() - 3 * 3_600_000),
      validHours: 1,
    });
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    try {
      const before = await peopleCount();
      const response = await page.goto(expired.url);
      expect(response?.status()).to.equal(410);
      expect(await page.textContent('h1')).to.equal('Länken har gått ut');
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await peopleCount()).to.equal(before);
    } finally {
      await page.close();
    }
  });

  it('shows an accessible "not open yet" page for an invitation\'s link before the event', async () => {
    const early = await createCheckinLink({
      secret: Buffer.from(SECRET),
      publicUrl: base,
      eventId: event.id,
      now: new Date(),
      validHours: 48,
      notBefore: new Date(Date.now() + 24 * 3_600_000),
    });
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    try {
      const before = await peopleCount();
      const response = await page.goto(early.url);
      expect(response?.status()).to.equal(403);
      expect(await page.textContent('h1')).to.equal('Anmälan har inte öppnat än');
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await peopleCount()).to.equal(before);
    } finally {
      await page.close();
    }
  });
});
