import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  AppError,
  createOutboxWorker,
  type Clock,
  type OutboxMessage,
  type OutboxWorkerOptions,
} from '../../src/index';

// The worker against the real knex outbox on each engine. The database decides what is due by
// its own now(), so these tests never need to wait: nothing here fails on purpose.

/** Counts deliveries per idempotency key; anything above one is a double send. */
function deliveryLog() {
  const counts = new Map<string, number>();
  return {
    counts,
    deliver: (message: OutboxMessage) => {
      counts.set(message.idempotencyKey, (counts.get(message.idempotencyKey) ?? 0) + 1);
      return Promise.resolve();
    },
  };
}

const backoff = { baseMs: 1_000, maxMs: 60_000 };

describeEachEngine('outbox worker on the knex outbox', (database) => {
  async function enqueue(count: number, prefix = randomUUID()): Promise<string[]> {
    const keys = Array.from({ length: count }, (_, index) => `${prefix}:${index}`);
    for (const key of keys) {
      await database().stores.outbox.enqueue({ topic: 'mail', idempotencyKey: key, payload: { key } });
    }
    return keys;
  }

  function worker(workerId: string, overrides: Partial<OutboxWorkerOptions> = {}) {
    return createOutboxWorker({
      outbox: database().stores.outbox,
      topic: 'mail',
      workerId,
      leaseMs: 60_000,
      batchSize: 4,
      backoff,
      deliver: () => Promise.resolve(),
      ...overrides,
    });
  }

  async function statusOf(keys: string[]): Promise<string[]> {
    const rows = await database().stores.outbox.list({ topic: 'mail', limit: 10_000 });
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row.status]));
    return keys.map((key) => byKey.get(key) ?? 'missing');
  }

  it('delivers every message exactly once with several workers running at the same time', async () => {
    const keys = await enqueue(40);
    const log = deliveryLog();
    const workers = ['w1', 'w2', 'w3', 'w4'].map((id) => worker(id, { deliver: log.deliver }));
    // Each worker keeps running batches until it finds nothing; all four race for the same rows.
    await Promise.all(
      workers.map(async (each) => {
        while ((await each.runOnce()).claimed > 0);
      }),
    );
    expect([...log.counts.keys()].sort()).to.deep.equal([...keys].sort());
    expect(
      [...log.counts.values()].every((count) => count === 1),
      'each delivered once',
    ).to.equal(true);
    expect(new Set(await statusOf(keys))).to.deep.equal(new Set(['sent']));
  });

  it('lets another worker deliver, once, what a dead worker had claimed', async () => {
    const keys = await enqueue(3);
    // The dead worker claimed the messages and never came back; its negative lease has expired.
    const dead = await database().stores.outbox.claim('dead-worker', {
      limit: 10,
      leaseMs: -1_000,
      topic: 'mail',
    });
    expect(dead.map((message) => message.idempotencyKey)).to.include.members(keys);

    const log = deliveryLog();
    const summary = await worker('rescuer', { deliver: log.deliver, batchSize: 10 }).runOnce();
    expect(summary.sent).to.equal(3);
    expect([...log.counts.entries()]).to.deep.equal(keys.map((key) => [key, 1]));
    expect(await statusOf(keys)).to.deep.equal(['sent', 'sent', 'sent']);
    // The dead worker cannot record anything for messages it no longer holds.
    expect(await database().stores.outbox.markSent(dead[0]!.id, 'dead-worker')).to.equal(false);
  });

  it('does not deliver what it claimed after its own lease ran out; the next worker does, once', async () => {
    const keys = await enqueue(2);
    const log = deliveryLog();
    const late = await worker('late', { leaseMs: -1_000, deliver: log.deliver, batchSize: 10 }).runOnce();
    expect(late).to.include({ claimed: 2, leaseLost: 2, sent: 0 });
    expect(log.counts.size).to.equal(0);

    await worker('on-time', { deliver: log.deliver, batchSize: 10 }).runOnce();
    expect([...log.counts.entries()]).to.deep.equal(keys.map((key) => [key, 1]));
  });

  it('records a retry at the worker clock + backoff, and a permanent failure as failed', async () => {
    const [transient, permanentKey] = await enqueue(2);
    const clock: Clock = { now: () => new Date('2026-03-02T08:00:00Z') };
    const summary = await worker('w', {
      clock,
      batchSize: 10,
      backoff: { ...backoff, random: () => 0.5 },
      deliver: (message) =>
        Promise.reject(
          message.idempotencyKey === permanentKey
            ? new AppError('APP_CONFIG_INVALID', '550 mailbox unavailable', { permanent: true })
            : new Error('connect ECONNREFUSED 127.0.0.1:25'),
        ),
    }).runOnce();
    expect(summary).to.include({ retried: 1, failed: 1 });
    const rows = await database().stores.outbox.list({ topic: 'mail', limit: 10_000 });
    const retry = rows.find((row) => row.idempotencyKey === transient)!;
    expect(retry).to.include({ status: 'pending', tries: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:25' });
    expect(retry.nextAttemptAt.toISOString()).to.equal('2026-03-02T08:00:00.500Z');
    const failed = rows.find((row) => row.idempotencyKey === permanentKey)!;
    expect(failed).to.include({ status: 'failed', lastError: 'APP_CONFIG_INVALID: 550 mailbox unavailable' });
  });
});
