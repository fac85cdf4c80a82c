import { isAppError, type Stores } from '@kompetenta/core';
import { createCheckinRouter } from '@kompetenta/lti-server';
import {
  createCheckinLink,
  inviteToEvent,
  recordEventAttendance,
  type EventInvitationInput,
} from '@kompetenta/lti-server/internal';
import { describeEachEngine, ManualClock } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { smtpOutbox } from '../support/smtpOutbox';

const PUBLIC_URL = 'https://kompetenta.test';
const HOUR = 3_600_000;
const secret = new Uint8Array(Buffer.from('a check-in secret of at least 32 bytes, for tests'));
const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function checkinApp(stores: Stores, clock: ManualClock) {
  return express().use(createCheckinRouter({ stores, logger: silentLogger, clock, checkin: { secret } }));
}

async function meeting(stores: Stores, startsInHours: number, title = 'Nätverksträff i Umeå') {
  return stores.events.create({
    type: 'natverkstraff',
    title,
    startsAt: new Date(Date.now() + startsInHours * HOUR),
    hours: 3,
    place: 'Folkets hus',
    municipalityCode: '2480',
  });
}

async function mailKeys(stores: Stores, prefix: string): Promise<string[]> {
  return (await stores.outbox.list({ topic: 'mail', limit: 10_000 }))
    .map((row) => row.idempotencyKey)
    .filter((key) => key.startsWith(prefix))
    .sort();
}

describeEachEngine('event invitations and attendance confirmations by e-mail', (database) => {
  let mail: Awaited<ReturnType<typeof smtpOutbox>>;
  beforeEach(async () => {
    mail = await smtpOutbox(database().stores.outbox);
  });
  afterEach(() => mail.stop());

  const invite = (input: Omit<EventInvitationInput, 'now' | 'publicUrl' | 'checkinSecret' | 'actor'>) =>
    inviteToEvent(database().stores, {
      ...input,
      now: new Date(),
      publicUrl: PUBLIC_URL,
      checkinSecret: secret,
      actor: 'test',
    });

  it('invites an organisation’s people once each, never the opted-out, with a check-in link that opens an hour before', async () => {
    const stores = database().stores;
    const event = await meeting(stores, 72);
    const organisation = await stores.organisations.create({ name: 'Byaföreningen Norrby' });
    const anna = await stores.people.upsertByEmail({
      organisationId: organisation.id,
      email: 'anna@example.se',
      name: 'Anna Ek',
    });
    const bo = await stores.people.upsertByEmail({ organisationId: organisation.id, email: 'bo@example.se' });
    await stores.mailPreferences.optOut(bo.id, new Date());
    await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: 'no-mail',
      name: 'Utan Adress',
    });

    expect(await invite({ eventId: event.id, organisationId: organisation.id })).to.deep.equal({
      invited: 1,
      optedOut: 1,
    });
    await mail.deliver();
    const [received, ...more] = mail.received(`event-invitation:${event.id}:`);
    expect(more).to.have.length(0);
    const { parsed, envelope } = received!;
    expect(envelope.to).to.deep.equal([anna.email]);
    expect(parsed.from?.value[0]?.name).to.equal('Byaföreningen Norrby');
    expect(parsed.subject).to.match(/^Inbjudan: Nätverksträff i Umeå den \d+ \w+ \d{4}$/);
    expect(parsed.text).to.include('Hej Anna Ek!').and.include('Folkets hus, Umeå');
    expect(parsed.html).to.include('<h1').and.include('Nätverksträff i Umeå');
    const link = /https:\/\/kompetenta\.test\/checkin\/[\w.-]+/.exec(parsed.text ?? '')?.[0];
    expect(link, 'the text part has the check-in link').to.be.a('string');
    expect(parsed.html).to.include(link!);

    // The link is the event's check-in form: closed until an hour before the start, then open.
    const clock = new ManualClock(Date.now());
    const app = checkinApp(stores, clock);
    const path = new URL(link!).pathname;
    const early = await request(app).get(path).expect(403);
    expect(early.text).to.include('Anmälan har inte öppnat än');
    clock.advanceSeconds(72 * 3600 - 30 * 60);
    const open = await request(app).get(path).expect(200);
    expect(open.text).to.include('Nätverksträff i Umeå');
    expect(await stores.events.listAttendance(event.id)).to.deep.equal([]);

    // Again, and by a list naming Anna in other letters and someone new: only the new one is mailed.
    await invite({ eventId: event.id, organisationId: organisation.id });
    await invite({
      eventId: event.id,
      list: 'e-post;namn\nANNA@example.se;Anna Ek\nny@example.se;Ny Person',
    });
    await mail.deliver();
    expect(mail.received(`event-invitation:${event.id}:`).map((m) => m.envelope.to)).to.deep.equal([
      ['anna@example.se'],
      ['ny@example.se'],
    ]);
    expect(await mailKeys(stores, `event-invitation:${event.id}:`)).to.deep.equal([
      `event-invitation:${event.id}:anna@example.se`,
      `event-invitation:${event.id}:ny@example.se`,
    ]);
    const audit = await stores.audit.list({ action: 'event.invite' });
    expect(audit.filter((entry) => entry.subject === `event:${event.id}`)).to.have.length(3);
  });

  it('names every problem at once — unknown event, bad rows, an event over or too far ahead — and invites nobody', async () => {
    const stores = database().stores;
    const problemsOf = async (input: Parameters<typeof invite>[0]) => {
      try {
        await invite(input);
      } catch (error) {
        if (isAppError(error, 'EVENT_INVITATION_INVALID')) return error.details?.problems as string[];
        throw error;
      }
      throw new Error('expected EVENT_INVITATION_INVALID');
    };
    expect(
      await problemsOf({ eventId: 'no-such-event', list: 'ok@example.se\nnot-an-address;Namn\n' }),
    ).to.deep.equal(['row 2: Raden saknar e-postadress.', 'there is no event no-such-event']);
    const over = await meeting(stores, -10);
    const far = await meeting(stores, 24 * 20);
    expect(await problemsOf({ eventId: over.id, list: 'a@example.se' })).to.deep.equal([
      `event ${over.id} is over`,
    ]);
    expect((await problemsOf({ eventId: far.id, list: 'a@example.se' }))[0]).to.match(
      /ends more than 14 days from now/,
    );
    expect(await problemsOf({ eventId: far.id, organisationId: 'no-such-org' })).to.include(
      'there is no organisation no-such-org',
    );
    expect(await mailKeys(stores, `event-invitation:${over.id}:`)).to.deep.equal([]);
    expect(await mailKeys(stores, `event-invitation:${far.id}:`)).to.deep.equal([]);
    expect(
      (await stores.audit.list({ action: 'event.invite' })).filter((e) =>
        [`event:${over.id}`, `event:${far.id}`].includes(e.subject ?? ''),
      ),
    ).to.deep.equal([]);
  });

  it('confirms a check-in once by mail, however often the person checks in', async () => {
    const stores = database().stores;
    const event = await meeting(stores, 0, 'Jämställdhetsseminarium');
    const clock = new ManualClock(Date.now());
    const app = checkinApp(stores, clock);
    const { url } = await createCheckinLink({
      secret,
      publicUrl: PUBLIC_URL,
      eventId: event.id,
      now: clock.now(),
    });
    const path = new URL(url).pathname;
    const checkIn = async () => {
      const page = await request(app).get(path).expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const cookie = ([] as string[])
        .concat(page.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('kompetenta_csrf='))!
        .split(';')[0]!;
      await request(app)
        .post(path)
        .set('Cookie', cookie)
        .type('form')
        .send({
          name: 'Amina Berg',
          email: 'amina@example.se',
          organisation: 'Byaföreningen Söderby',
          role: 'handledare',
          consent: 'yes',
          _csrf: csrf,
        })
        .expect(303);
    };
    await checkIn();
    await checkIn();
    await mail.deliver();
    const received = mail.received(`attendance:${event.id}:`);
    expect(received).to.have.length(1);
    expect(received[0]!.envelope.to).to.deep.equal(['amina@example.se']);
    expect(received[0]!.parsed.subject).to.equal('Bekräftelse: du deltog i Jämställdhetsseminarium');
    expect(received[0]!.parsed.text).to.include('Hej Amina Berg!').and.include('3 timmar');
    expect(received[0]!.parsed.html).to.include('Jämställdhetsseminarium');
    expect(await stores.events.listAttendance(event.id)).to.have.length(1);
  });

  it('confirms attendance by the LTI event link once, and only to people with an address', async () => {
    const stores = database().stores;
    const event = await meeting(stores, 0, 'Webbinarium om tillgänglighet');
    const organisation = await stores.organisations.create({ name: 'Studieförbundet Väst' });
    const withMail = await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: 'sub-1',
      name: 'Lina Lärling',
      email: 'lina@example.se',
    });
    const withoutMail = await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: 'sub-2',
    });
    for (const person of [withMail, withMail, withoutMail])
      await stores.transaction((tx) => recordEventAttendance(tx, person, event.id));
    await mail.deliver();
    const received = mail.received(`attendance:${event.id}:`);
    expect(received.map((m) => m.envelope.to)).to.deep.equal([['lina@example.se']]);
    expect(received[0]!.parsed.from?.value[0]?.name).to.equal('Studieförbundet Väst');
    expect(await mailKeys(stores, `attendance:${event.id}:`)).to.deep.equal([
      `attendance:${event.id}:${withMail.id}`,
    ]);
  });
});
