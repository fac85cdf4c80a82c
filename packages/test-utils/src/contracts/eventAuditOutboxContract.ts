import type { OutboxMessage, Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

/** Behaviour every EventStore implementation must have. */
export function eventStoreContract(stores: () => Stores): void {
  describe('EventStore', () => {
    it('creates events, lists them by period and links a parent event', async () => {
      const meeting = await stores().events.create({
        type: 'natverkstraff',
        title: 'Nätverksträff i Umeå',
        startsAt: new Date('2026-03-10T09:00:00Z'),
        hours: 6,
        municipalityCode: '2480',
      });
      const seminar = await stores().events.create({
        type: 'tillganglighetsseminarium',
        title: 'Tillgänglighet',
        startsAt: new Date('2026-03-10T13:00:00Z'),
        hours: 1.5,
        parentEventId: meeting.id,
      });
      expect(seminar.parentEventId).to.equal(meeting.id);
      expect(seminar.hours).to.equal(1.5);
      const march = await stores().events.list({ from: new Date('2026-03-01'), to: new Date('2026-04-01') });
      expect(march.map((event) => event.id)).to.deep.equal([meeting.id, seminar.id]);
      expect(await stores().events.list({ from: new Date('2026-04-01') })).to.deep.equal([]);
    });

    it('rejects an unknown event type or non-positive hours and stores nothing', async () => {
      const before = (await stores().events.list()).length;
      await expectAppError(
        stores().events.create({ type: 'fest' as never, title: 'x', startsAt: new Date(), hours: 1 }),
        'STORE_VALUE_INVALID',
      );
      await expectAppError(
        stores().events.create({ type: 'natverkstraff', title: 'x', startsAt: new Date(), hours: 0 }),
        'STORE_VALUE_INVALID',
      );
      expect((await stores().events.list()).length).to.equal(before);
    });

    it('records attendance once per person and event, whatever the route', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const person = await stores().people.upsertByEmail({ organisationId: org.id, email: 'a@example.se' });
      const event = await stores().events.create({
        type: 'jamstalldhetsseminarium',
        title: 'Seminarium',
        startsAt: new Date(),
        hours: 2,
      });
      const first = await stores().events.recordAttendance({
        eventId: event.id,
        personId: person.id,
        source: 'checkin',
      });
      const again = await stores().events.recordAttendance({
        eventId: event.id,
        personId: person.id,
        source: 'roster',
        hours: 2,
      });
      expect(again.source).to.equal('checkin');
      expect(again.recordedAt.getTime()).to.equal(first.recordedAt.getTime());
      expect(await stores().events.listAttendance(event.id)).to.have.length(1);
    });
  });
}

/** Behaviour every AuditLog implementation must have. */
export function auditLogContract(stores: () => Stores): void {
  describe('AuditLog', () => {
    it('appends entries and lists them newest first, by action', async () => {
      const first = await stores().audit.append({
        actor: 'cli',
        action: 'export.csv',
        details: { rows: 12, filter: { course: 'handledare' } },
      });
      const second = await stores().audit.append({
        actor: 'staff:anna',
        action: 'person.erase',
        subject: 'person:1',
      });
      expect(second.id).to.be.greaterThan(first.id);
      expect(first.details).to.deep.equal({ rows: 12, filter: { course: 'handledare' } });
      const exports = await stores().audit.list({ action: 'export.csv' });
      expect(exports.map((entry) => entry.id)).to.deep.equal([first.id]);
      expect((await stores().audit.list())[0]?.id).to.equal(second.id);
    });
  });
}

/** Behaviour every Outbox implementation must have. */
export function outboxContract(stores: () => Stores): void {
  describe('Outbox', () => {
    it('enqueues once per idempotency key', async () => {
      const first = await stores().outbox.enqueue({
        topic: 'grade',
        idempotencyKey: 'grade:a:1',
        payload: { score: 1 },
      });
      const again = await stores().outbox.enqueue({
        topic: 'grade',
        idempotencyKey: 'grade:a:1',
        payload: { score: 2 },
      });
      expect(again.id).to.equal(first.id);
      expect(again.payload).to.deep.equal({ score: 1 });
    });

    it('hands each due message to exactly one of several concurrent workers', async () => {
      const keys = Array.from({ length: 30 }, (_, i) => `mail:concurrent:${i}`);
      for (const key of keys)
        await stores().outbox.enqueue({ topic: 'mail', idempotencyKey: key, payload: {} });
      const claims = await Promise.all(
        ['w1', 'w2', 'w3'].map((worker) =>
          stores().outbox.claim(worker, { limit: 12, leaseMs: 60_000, topic: 'mail' }),
        ),
      );
      const ids = claims.flat().map((message) => message.id);
      expect(new Set(ids).size, 'no message claimed twice').to.equal(ids.length);
      const claimedKeys = claims
        .flat()
        .map((message) => message.idempotencyKey)
        .filter((key) => key.startsWith('mail:concurrent:'));
      expect(claimedKeys.sort()).to.deep.equal([...keys].sort());
      expect(
        await stores().outbox.claim('w4', { limit: 10, leaseMs: 60_000, topic: 'mail' }),
        'all leased',
      ).to.deep.equal([]);
    });

    it('gives a message back when its lease has expired, and the old worker can no longer finish it', async () => {
      const message = await stores().outbox.enqueue({
        topic: 'grade',
        idempotencyKey: 'grade:lease',
        payload: {},
      });
      const ours = (claimed: { id: number }[]) => claimed.filter((row) => row.id === message.id);
      // A negative lease is one that has already run out: the worker "died" holding it.
      const [lost] = ours(
        await stores().outbox.claim('dead-worker', { limit: 100, leaseMs: -1000, topic: 'grade' }),
      );
      expect(lost).to.not.equal(undefined);
      const [taken] = ours(
        await stores().outbox.claim('live-worker', { limit: 100, leaseMs: 60_000, topic: 'grade' }),
      ) as OutboxMessage[];
      expect(taken?.id).to.equal(message.id);
      expect(taken?.tries).to.equal(2);
      expect(await stores().outbox.markSent(taken!.id, 'dead-worker')).to.equal(false);
      expect(await stores().outbox.markSent(taken!.id, 'live-worker')).to.equal(true);
      const sent = (await stores().outbox.list({ status: 'sent', topic: 'grade' })).find(
        (row) => row.id === message.id,
      );
      expect(sent?.sentAt).to.be.instanceOf(Date);
    });

    it('retries later and fails permanently when told to', async () => {
      const message = await stores().outbox.enqueue({
        topic: 'mail',
        idempotencyKey: 'mail:retry',
        payload: {},
      });
      const claim = () =>
        stores()
          .outbox.claim('w', { limit: 100, leaseMs: 60_000, topic: 'mail' })
          .then((rows) => rows.filter((row) => row.id === message.id));
      expect(await claim()).to.have.length(1);
      expect(
        await stores().outbox.markRetry(message.id, 'w', 'SMTP down', new Date(Date.now() + 3_600_000)),
      ).to.equal(true);
      expect(await claim(), 'not due yet').to.have.length(0);
      const [pending] = (await stores().outbox.list({ status: 'pending' })).filter(
        (row) => row.id === message.id,
      );
      expect(pending?.lastError).to.equal('SMTP down');
      const broken = await stores().outbox.enqueue({
        topic: 'mail',
        idempotencyKey: 'mail:permanent',
        payload: {},
      });
      await stores().outbox.claim('w', { limit: 100, leaseMs: 60_000, topic: 'mail' });
      expect(await stores().outbox.markFailed(broken.id, 'w', '550 mailbox unavailable')).to.equal(true);
      const [failed] = await stores().outbox.list({ status: 'failed' });
      expect(failed?.idempotencyKey).to.equal('mail:permanent');
      expect(failed?.lastError).to.equal('550 mailbox unavailable');
    });

    it("lists one organisation's messages when asked, without other tenants' or the programme's", async () => {
      const [ours, theirs] = await Promise.all([
        stores().organisations.create({ name: 'Outboxföreningen A' }),
        stores().organisations.create({ name: 'Outboxföreningen B' }),
      ]);
      const enqueue = (key: string, organisationId: string | null) =>
        stores().outbox.enqueue({
          topic: 'mail',
          idempotencyKey: key,
          payload: {},
          ...(organisationId === null ? {} : { organisationId }),
        });
      await enqueue('mail:org-filter:a1', ours.id);
      await enqueue('mail:org-filter:b1', theirs.id);
      await enqueue('mail:org-filter:programme', null);
      await enqueue('mail:org-filter:a2', ours.id);
      const keysOf = (rows: OutboxMessage[]) =>
        rows.map((row) => row.idempotencyKey).filter((key) => key.startsWith('mail:org-filter:'));
      expect(keysOf(await stores().outbox.list({ organisationId: ours.id }))).to.deep.equal([
        'mail:org-filter:a1',
        'mail:org-filter:a2',
      ]);
      expect(keysOf(await stores().outbox.list({ organisationId: theirs.id, topic: 'mail' }))).to.deep.equal([
        'mail:org-filter:b1',
      ]);
      expect(await stores().outbox.list({ organisationId: ours.id, topic: 'grade' })).to.deep.equal([]);
      expect(
        await stores().outbox.list({ organisationId: ours.id, limit: 1 }),
        'the limit counts only the organisation’s rows',
      ).to.have.length(1);
      expect(keysOf(await stores().outbox.list())).to.have.length(4);
    });

    it('keeps an enqueue made in a transaction that fails out of the outbox', async () => {
      await expectAppError(
        stores().transaction(async (trx) => {
          await trx.outbox.enqueue({ topic: 'mail', idempotencyKey: 'mail:rolled-back', payload: {} });
          await trx.organisations.create({ name: 'x', kind: 'ogiltig' as never });
        }),
        'STORE_VALUE_INVALID',
      );
      const keys = (await stores().outbox.list()).map((row) => row.idempotencyKey);
      expect(keys).to.not.include('mail:rolled-back');
    });
  });
}
