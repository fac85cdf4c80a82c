import type { Stores } from '@kompetenta/core';
import { KnexReportingStore, type Database } from '@kompetenta/storage';
import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express, { type Express } from 'express';
import { createDashboardRouter } from '../../../src/dashboard/createDashboardRouter';
import { createStandaloneRouter } from '../../../src/standalone/createStandaloneRouter';
import { silentLogger, standalonePerson } from './sessionHarness';
import { signedIn } from './signedInBrowser';

const PUBLIC_URL = 'http://kompetenta.test';
const checkinSecret = new Uint8Array(Buffer.from('a check-in secret of at least 32 bytes, for tests'));

function app(stores: Stores, clock: ManualClock): Express {
  return express().use(
    createStandaloneRouter({ stores, logger: silentLogger, clock, checkinSecret }, { publicUrl: PUBLIC_URL }),
  );
}

/** The standalone pages and the dashboard after them, as the app mounts them; `/org/events` only with the secret. */
function appWithDashboard(db: Database, clock: ManualClock, withCheckinSecret: boolean): Express {
  return express()
    .use(
      createStandaloneRouter(
        { stores: db.stores, logger: silentLogger, clock, ...(withCheckinSecret ? { checkinSecret } : {}) },
        { publicUrl: PUBLIC_URL },
      ),
    )
    .use(
      createDashboardRouter(
        {
          stores: db.stores,
          reporting: new KnexReportingStore(db.knex),
          pseudonymKey: () => 'a pseudonym key of at least 32 bytes, for tests',
          logger: silentLogger,
          clock,
        },
        { publicUrl: PUBLIC_URL },
      ),
    );
}

/** The page's menu (its first `<nav>`) and the link to /org/events in it, if any. */
function menuLinkToOrgEvents(page: string): { href: string; text: string; attributes: string } | undefined {
  const menu = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '';
  const link = /<a href="([^"]*\/org\/events)"([^>]*)>\s*([^<]*?)\s*<\/a\s*>/.exec(menu);
  return link ? { href: link[1]!, attributes: link[2]!.trim(), text: link[3]! } : undefined;
}

async function invitationKeys(stores: Stores, eventId: string): Promise<string[]> {
  return (await stores.outbox.list({ topic: 'mail', limit: 10_000 }))
    .map((row) => row.idempotencyKey)
    .filter((key) => key.startsWith(`event-invitation:${eventId}:`))
    .sort();
}

describeEachEngine('/org/events: inviting to an event from the organisation pages', (database) => {
  it('lets an admin invite their own organisation or a list, never another organisation by form value', async () => {
    const stores = database().stores;
    const clock = new ManualClock(Date.now());
    const server = app(stores, clock);
    const event = await stores.events.create({
      type: 'natverkstraff',
      title: 'Nätverksträff i Luleå',
      startsAt: new Date(clock.now().getTime() + 3 * 86_400_000),
      hours: 3,
    });
    const { organisation, person: admin } = await standalonePerson(
      database(),
      'admin@byalag.se',
      'Ada Admin',
      'org_admin',
    );
    await stores.people.upsertByEmail({
      organisationId: organisation.id,
      email: 'medlem@byalag.se',
      name: 'Mia Medlem',
    });
    const { organisation: other } = await standalonePerson(database(), 'annan@annan.se', 'Anna Annan');
    const browser = await signedIn(server, stores, clock, { ...admin, access: 'org_admin' });

    expect((await browser.get('/org')).text).to.include('href="/org/events"');
    const page = await browser.get('/org/events');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Nätverksträff i Luleå').and.include(`i namnet av ${organisation.name}`);
    expect(page.text).not.to.include(other.name);
    expect(page.text).not.to.include('<select');

    // Another organisation's id in the form: refused, nothing sent.
    const forged = await browser.submit({ event: event.id, organisation: other.id, who: 'organisation' });
    expect(forged.status).to.equal(403);
    expect(await invitationKeys(stores, event.id)).to.deep.equal([]);

    const bad = await browser.submit({
      event: event.id,
      organisation: organisation.id,
      who: 'list',
      list: 'ok@x.se\nnej',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('Ingen blev inbjuden').and.include('row 2: Raden saknar e-postadress.');
    expect(bad.text).to.include('ok@x.se\nnej');
    expect(await invitationKeys(stores, event.id)).to.deep.equal([]);

    const sent = await browser.submit({
      event: event.id,
      organisation: organisation.id,
      who: 'organisation',
    });
    expect(sent.status).to.equal(303);
    expect(sent.headers.location).to.equal('/org/events?inbjudna=2&avstangda=0');
    expect((await browser.get(sent.headers.location as string)).text).to.include('2 inbjudningar skickas.');
    expect(await invitationKeys(stores, event.id)).to.deep.equal([
      `event-invitation:${event.id}:admin@byalag.se`,
      `event-invitation:${event.id}:medlem@byalag.se`,
    ]);
    const audit = (await stores.audit.list({ action: 'event.invite' })).find(
      (e) => e.subject === `event:${event.id}`,
    );
    expect(audit?.actor).to.equal(`person:${admin.id}`);
  });

  it('links /org/events from the menus of admins and staff (Swedish and English), not for learners or where it is not served', async () => {
    const clock = new ManualClock(Date.now());
    const server = appWithDashboard(database(), clock, true);
    const stores = database().stores;
    await stores.events.create({
      type: 'natverkstraff',
      title: 'Nätverksträff i Umeå',
      startsAt: new Date(clock.now().getTime() + 2 * 86_400_000),
      hours: 2,
    });
    const { person: admin } = await standalonePerson(database(), 'meny@byalag.se', 'Mona Meny', 'org_admin');
    const programme = await stores.access.programmeOrganisation();
    const staff = await stores.people.upsertByEmail({
      organisationId: programme.id,
      email: 'meny.stab@program.se',
      name: 'Stina Stab',
    });
    await stores.access.grant(staff.id, 'programme_staff');

    for (const who of [
      { ...admin, access: 'org_admin' as const },
      { ...staff, access: 'programme_staff' as const },
    ]) {
      const browser = await signedIn(server, stores, clock, who);
      for (const path of [
        '/courses',
        '/org',
        '/org/events',
        '/dashboard',
        '/dashboard/events',
        '/dashboard/outbox',
      ]) {
        const page = await browser.get(path);
        expect(page.status, `${who.access} ${path}`).to.equal(200);
        const link = menuLinkToOrgEvents(page.text);
        expect(link, `${who.access} ${path}`).to.deep.include({
          href: '/org/events',
          text: 'Bjud in till en aktivitet',
        });
        // Following the menu's link opens the invitation form.
        const events = await browser.get(link!.href);
        expect(events.status).to.equal(200);
        expect(events.text)
          .to.include('<h1>Bjud in till en aktivitet</h1>')
          .and.include('Nätverksträff i Umeå');
      }
      for (const path of ['/dashboard?lang=en', '/dashboard/events?lang=en', '/dashboard/outbox?lang=en']) {
        const link = menuLinkToOrgEvents((await browser.get(path)).text);
        expect(link, `${who.access} ${path}`).to.deep.equal({
          href: '/org/events',
          text: 'Invite to an event (in Swedish)',
          attributes: 'hreflang="sv"',
        });
      }
    }

    const { person: learner } = await standalonePerson(database(), 'lar@byalag.se', 'Lars Lärande');
    const learnerBrowser = await signedIn(server, stores, clock, { ...learner, access: 'learner' });
    const courses = await learnerBrowser.get('/courses');
    expect(courses.status).to.equal(200);
    expect(courses.text).to.include('<nav').and.not.include('/org/events');
    expect((await learnerBrowser.get('/org/events')).status).to.equal(403);

    // Without the check-in secret /org/events is not served, and no menu links to it.
    const plain = appWithDashboard(database(), clock, false);
    const adminBrowser = await signedIn(plain, stores, clock, { ...admin, access: 'org_admin' });
    for (const path of ['/courses', '/org', '/dashboard', '/dashboard?lang=en']) {
      const page = await adminBrowser.get(path);
      expect(page.status, path).to.equal(200);
      expect(page.text, path).to.include('<nav').and.not.include('/org/events');
    }
    expect((await adminBrowser.get('/org/events')).status).to.equal(404);
  });

  it('lets programme staff pick the organisation whose people are invited', async () => {
    const stores = database().stores;
    const clock = new ManualClock(Date.now());
    const server = app(stores, clock);
    const event = await stores.events.create({
      type: 'inspirationstraff',
      title: 'Inspirationsträff i Kiruna',
      startsAt: new Date(clock.now().getTime() + 86_400_000),
      hours: 2,
    });
    const programme = await stores.access.programmeOrganisation();
    const staff = await stores.people.upsertByEmail({
      organisationId: programme.id,
      email: 'stab@program.se',
      name: 'Sten Stab',
    });
    await stores.access.grant(staff.id, 'programme_staff');
    const { organisation: target } = await standalonePerson(
      database(),
      'deltagare@bygd.se',
      'Dora Deltagare',
    );
    const browser = await signedIn(server, stores, clock, { ...staff, access: 'programme_staff' });

    const fromOrg = await browser.get(`/org?organisation=${target.id}`);
    expect(fromOrg.text).to.include(`href="/org/events?organisation=${target.id}"`);
    const page = await browser.get(`/org/events?organisation=${target.id}`);
    expect(page.text).to.include(`<option value="${target.id}" selected>`);
    expect(page.text).to.include('<select').and.include(target.name).and.include(programme.name);
    const sent = await browser.submit({ event: event.id, organisation: target.id, who: 'organisation' });
    expect(sent.status).to.equal(303);
    expect(await invitationKeys(stores, event.id)).to.deep.equal([
      `event-invitation:${event.id}:deltagare@bygd.se`,
    ]);
    const row = (await stores.outbox.list({ topic: 'mail', limit: 10_000 })).find(
      (r) => r.idempotencyKey === `event-invitation:${event.id}:deltagare@bygd.se`,
    )!;
    expect(row.organisationId).to.equal(target.id);
    expect((row.payload.data as { organisationName: string }).organisationName).to.equal(target.name);
  });
});
