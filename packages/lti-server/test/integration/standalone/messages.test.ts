import type { Stores } from '@kompetenta/core';
import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createStandaloneRouter } from '../../../src/index';
import {
  enqueueCompletionMail,
  enqueueDueReminders,
  issueHandoffLink,
  optOutToken,
  parseReminderDays,
} from '../../../src/internal';
import { applyLearnerCommit } from '../../../src/player/applyLearnerCommit';
import { sessionCookie, silentLogger, standalonePerson } from './sessionHarness';

const DAY = 86_400_000;
const PUBLIC_URL = 'http://kompetenta.test';
const secret = randomBytes(32);

async function startedAttempt(stores: Stores, organisationId: string, personId: string) {
  const slug = `kurs-${randomUUID().slice(0, 8)}`;
  const version = await stores.courses.registerVersion({
    courseSlug: slug,
    courseTitle: 'Handledarutbildning',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: `sha256-${slug}`,
    outline: {
      title: 'Handledarutbildning',
      masteryScore: 80,
      lessons: [
        { id: 'l1', title: 'Ett', minutes: 45 },
        { id: 'l2', title: 'Två', minutes: 50 },
      ],
    },
  });
  return stores.attempts.create({
    organisationId,
    personId,
    courseVersionId: version.id,
    scormVersion: '2004',
  });
}

async function reminderKeys(stores: Stores, organisationId: string): Promise<string[]> {
  return (await stores.outbox.list({ topic: 'mail' }))
    .filter((row) => row.organisationId === organisationId && row.idempotencyKey.startsWith('reminder:'))
    .map((row) => row.idempotencyKey)
    .sort();
}

describeEachEngine('standalone messages: reminders, opt-out, completion mail, certificate', (database) => {
  it('parses REMINDER_DAYS and refuses nonsense', () => {
    expect(parseReminderDays('14, 7,7')).to.deep.equal([7, 14]);
    expect(parseReminderDays('')).to.deep.equal([]);
    expect(() => parseReminderDays('7,x')).to.throw(/whole days/);
    expect(() => parseReminderDays('0')).to.throw(/whole days/);
  });

  it('sends each reminder step once, the latest due step only, and never after an opt-out', async () => {
    const stores = database().stores;
    const { organisation, person } = await standalonePerson(database(), 'rut@example.se', 'Rut Påminnd');
    const { person: quiet } = await standalonePerson(database(), 'tyst@example.se', 'Tor Tyst');
    const attempt = await startedAttempt(stores, organisation.id, person.id);
    await startedAttempt(stores, quiet.organisationId, quiet.id);
    const run = (days: number) =>
      enqueueDueReminders(stores, {
        now: new Date(Date.now() + days * DAY),
        reminderDays: [7, 14],
        publicUrl: PUBLIC_URL,
        secret,
      });
    const server = express().use(
      createStandaloneRouter(
        { stores, logger: silentLogger, attemptTokenSecret: secret },
        { publicUrl: PUBLIC_URL },
      ),
    );
    // The other person opts out before any step is due: they never get one.
    // A token for another person's id does not pass.
    await request(server)
      .post(`/mail/opt-out?token=${quiet.id}.${optOutToken(secret, person.id).split('.')[1]!}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
    await request(server)
      .post(`/mail/opt-out?token=${optOutToken(secret, quiet.id)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);

    await run(3);
    expect(await reminderKeys(stores, organisation.id)).to.deep.equal([]);
    await run(8);
    await run(8);
    expect(await reminderKeys(stores, organisation.id)).to.deep.equal([`reminder:${attempt.id}:7`]);

    // The opt-out link of the reminder, one-click as RFC 8058 mail clients post it.
    const reminder = (await stores.outbox.list({ topic: 'mail' })).find(
      (row) => row.idempotencyKey === `reminder:${attempt.id}:7`,
    )!;
    expect(reminder.payload).to.deep.include({ template: 'reminder' });
    const unsubscribe = String((reminder.payload.data as { unsubscribeUrl: string }).unsubscribeUrl).replace(
      PUBLIC_URL,
      '',
    );
    const confirm = await request(server).get(unsubscribe).expect(200);
    expect(confirm.text).to.include('Ja, sluta skicka påminnelser');
    expect(await stores.mailPreferences.isOptedOut(person.id)).to.equal(false);
    await request(server)
      .get(unsubscribe.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))
      .set('Accept', 'application/json')
      .expect(404);

    await run(15);
    expect(await reminderKeys(stores, organisation.id)).to.deep.equal([
      `reminder:${attempt.id}:14`,
      `reminder:${attempt.id}:7`,
    ]);
    expect(await reminderKeys(stores, quiet.organisationId)).to.deep.equal([]);

    await request(server).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await request(server).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await stores.mailPreferences.isOptedOut(person.id)).to.equal(true);
    const second = await startedAttempt(stores, organisation.id, person.id);
    await run(30);
    expect(await reminderKeys(stores, organisation.id)).not.to.include(`reminder:${second.id}:14`);
  });

  it('confirms a completion once by mail and shows a printable certificate to its learner only', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const { organisation, person } = await standalonePerson(database(), 'klara@example.se', 'Klara Klar');
    const attempt = await startedAttempt(stores, organisation.id, person.id);
    const { attempt: done } = await stores.attempts.applyCommit({
      attemptId: attempt.id,
      organisationId: organisation.id,
      seq: 1,
      cmi: { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 0.9,
      totalTimeSeconds: 3600,
    });
    expect(done.completedAt).not.to.equal(null);
    expect(await stores.transaction((tx) => enqueueCompletionMail(tx, done, PUBLIC_URL))).to.equal(true);
    await enqueueCompletionMail(stores, done, PUBLIC_URL);
    const mails = (await stores.outbox.list({ topic: 'mail' })).filter(
      (row) => row.idempotencyKey === `completion:${done.id}`,
    );
    expect(mails).to.have.length(1);
    const data = mails[0]!.payload.data as { certificateUrl: string; hours: number; courseTitle: string };
    expect(data).to.include({
      hours: 1.5,
      courseTitle: 'Handledarutbildning',
      certificateUrl: `${PUBLIC_URL}/certificate/${done.id}`,
    });

    const server = express().use(
      createStandaloneRouter({ stores, logger: silentLogger, clock }, { publicUrl: PUBLIC_URL }),
    );
    await request(server).get(`/certificate/${done.id}`).set('Accept', 'text/html').expect(303);
    const handoff = await issueHandoffLink(
      stores,
      { personId: person.id, organisationId: organisation.id },
      clock.now(),
    );
    const cookie = sessionCookie((await request(server).get(handoff)).headers['set-cookie']);
    const page = await request(server).get(`/certificate/${done.id}`).set('Cookie', cookie).expect(200);
    expect(page.text)
      .to.include('Klara Klar')
      .and.include('Handledarutbildning')
      .and.include('1,5 timmar')
      .and.include('@media print');

    const { organisation: other, person: stranger } = await standalonePerson(
      database(),
      'annan@example.se',
      'Anna Annan',
    );
    const strangerLink = await issueHandoffLink(
      stores,
      { personId: stranger.id, organisationId: other.id },
      clock.now(),
    );
    const strangerCookie = sessionCookie((await request(server).get(strangerLink)).headers['set-cookie']);
    await request(server)
      .get(`/certificate/${done.id}`)
      .set('Cookie', strangerCookie)
      .set('Accept', 'application/json')
      .expect(404);
  });
  it('the commit that first completes a standalone attempt writes one completion mail with it', async () => {
    const stores = database().stores;
    const { organisation, person } = await standalonePerson(database(), 'maja@example.se', 'Maja Mål');
    const attempt = await startedAttempt(stores, organisation.id, person.id);
    const claims = { attemptId: attempt.id, organisationId: organisation.id, personId: person.id };
    const completionMails = async () =>
      (await stores.outbox.list({ topic: 'mail' })).filter(
        (row) => row.idempotencyKey === `completion:${attempt.id}`,
      );
    const commit = (seq: number, status: string) =>
      applyLearnerCommit(
        stores,
        attempt.id,
        { claims, seq, cmi: { 'cmi.completion_status': status, 'cmi.exit': 'suspend' } },
        PUBLIC_URL,
      );
    await commit(1, 'incomplete');
    expect(await completionMails()).to.have.length(0);
    await commit(2, 'completed');
    await commit(3, 'completed');
    const mails = await completionMails();
    expect(mails).to.have.length(1);
    expect((mails[0]!.payload.data as { certificateUrl: string }).certificateUrl).to.equal(
      `${PUBLIC_URL}/certificate/${attempt.id}`,
    );
  });
});
