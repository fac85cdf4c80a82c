import type { OutboxMessage, Stores } from '@kompetenta/core';
import { expect } from 'chai';

const LEASE_MS = 60_000;

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Behaviour of the outbox's ordering key: within one key, messages are handed out one at a time,
 * oldest first, however many workers claim and whatever happens to the older message (leased,
 * lease expired, waiting for a retry); a message that failed for good no longer holds the rest.
 */
export function outboxOrderingContract(stores: () => Stores): void {
  describe('Outbox ordering', () => {
    const enqueue = (key: string, orderingKey: string | null) =>
      stores().outbox.enqueue({ topic: 'grade', idempotencyKey: key, orderingKey, payload: { key } });
    const claimOurs = async (worker: string, prefix: string, leaseMs = LEASE_MS) =>
      (await stores().outbox.claim(worker, { limit: 100, leaseMs, topic: 'grade' }))
        .filter((message) => message.idempotencyKey.startsWith(prefix))
        .map((message) => message.idempotencyKey);

    it('stores the ordering key and hands out only the oldest pending message of each key', async () => {
      const first = await enqueue('order:a1', 'order:A');
      await enqueue('order:a2', 'order:A');
      await enqueue('order:b1', 'order:B');
      await enqueue('order:free1', null);
      await enqueue('order:free2', null);
      expect(first.orderingKey).to.equal('order:A');
      const listed = await stores().outbox.list({ topic: 'grade' });
      expect(listed.find((row) => row.idempotencyKey === 'order:free1')?.orderingKey).to.equal(null);
      expect(await claimOurs('w1', 'order:')).to.deep.equal([
        'order:a1',
        'order:b1',
        'order:free1',
        'order:free2',
      ]);
      expect(await claimOurs('w2', 'order:'), 'a2 waits while a1 is leased by w1').to.deep.equal([]);
    });

    it('holds younger messages back while the oldest waits for its retry', async () => {
      const one = await enqueue('retry:1', 'retry:K');
      await enqueue('retry:2', 'retry:K');
      expect(await claimOurs('w1', 'retry:')).to.deep.equal(['retry:1']);
      const later = new Date(Date.now() + 3_600_000);
      expect(await stores().outbox.markRetry(one.id, 'w1', 'LMS down', later)).to.equal(true);
      expect(await claimOurs('w2', 'retry:'), 'retry:1 is not due, so retry:2 waits').to.deep.equal([]);
    });

    it('hands the oldest message out again, alone, after a lost lease or a retry', async () => {
      const one = await enqueue('again:1', 'again:K');
      const two = await enqueue('again:2', 'again:K');
      // A lease that has already run out: the worker "died" holding it.
      expect(await claimOurs('dead', 'again:', -1_000)).to.deep.equal(['again:1']);
      expect(await claimOurs('w2', 'again:')).to.deep.equal(['again:1']);
      expect(await claimOurs('w3', 'again:'), 'again:1 is leased by w2').to.deep.equal([]);
      expect(await stores().outbox.markRetry(one.id, 'w2', '503', new Date(0))).to.equal(true);
      expect(await claimOurs('w3', 'again:')).to.deep.equal(['again:1']);
      expect(await stores().outbox.markSent(one.id, 'w3')).to.equal(true);
      expect(await claimOurs('w4', 'again:')).to.deep.equal(['again:2']);
      expect(await stores().outbox.markSent(two.id, 'w4')).to.equal(true);
    });

    it('lets the next message go once the older one failed for good', async () => {
      const one = await enqueue('failed:1', 'failed:K');
      await enqueue('failed:2', 'failed:K');
      expect(await claimOurs('w1', 'failed:')).to.deep.equal(['failed:1']);
      expect(await stores().outbox.markFailed(one.id, 'w1', '400 Bad Request')).to.equal(true);
      expect(await claimOurs('w1', 'failed:')).to.deep.equal(['failed:2']);
    });

    it('with several workers claiming at once, sends every message once, each key in order', async () => {
      const keys = ['many:A', 'many:B', 'many:C', 'many:D', 'many:E'];
      const groupOf = new Map<number, string>();
      const byGroup = new Map<string, number[]>(keys.map((key) => [key, []]));
      for (let i = 0; i < 40; i += 1) {
        const key = keys[i % keys.length]!;
        const message = await enqueue(`many:${i}`, key);
        groupOf.set(message.id, key);
        byGroup.get(key)!.push(message.id);
      }
      const finishing = new Set<number>();
      const sentOrder = new Map<string, number[]>(keys.map((key) => [key, []]));
      const problems: string[] = [];
      const random = seededRandom(6);

      const checkClaim = (message: OutboxMessage) => {
        const group = groupOf.get(message.id);
        if (!group) return false;
        // The outbox may hand out a message only after every older one of its group was marked
        // sent, and the marking starts (in `finishing`) before it commits.
        for (const older of byGroup.get(group)!.filter((id) => id < message.id))
          if (!finishing.has(older)) problems.push(`${message.id} handed out before ${older} was sent`);
        return true;
      };

      async function worker(name: string): Promise<void> {
        const deadline = Date.now() + 30_000;
        while (finishing.size < groupOf.size && Date.now() < deadline) {
          const claimed = await stores().outbox.claim(name, { limit: 3, leaseMs: LEASE_MS, topic: 'grade' });
          for (const message of claimed.filter(checkClaim)) {
            // A fifth of the deliveries fail for a moment and are due again at once.
            if (random() < 0.2) {
              await stores().outbox.markRetry(message.id, name, 'busy', new Date(0));
              continue;
            }
            finishing.add(message.id);
            if (!(await stores().outbox.markSent(message.id, name)))
              problems.push(`lost lease ${message.id}`);
            sentOrder.get(groupOf.get(message.id)!)!.push(message.id);
          }
          // Lets the other workers' queries in between, as separate app instances would.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }

      await Promise.all(['w1', 'w2', 'w3', 'w4'].map(worker));
      expect(problems).to.deep.equal([]);
      expect(sentOrder).to.deep.equal(byGroup);
      const sent = (await stores().outbox.list({ status: 'sent', topic: 'grade' })).filter((row) =>
        groupOf.has(row.id),
      );
      expect(sent).to.have.length(groupOf.size);
    });
  });

  describe('Outbox requeue', () => {
    it('gives a failed message another try, and leaves other messages alone', async () => {
      const failed = await stores().outbox.enqueue({
        topic: 'mail',
        idempotencyKey: 'requeue:1',
        payload: {},
      });
      const pending = await stores().outbox.enqueue({
        topic: 'mail',
        idempotencyKey: 'requeue:2',
        payload: {},
      });
      const ours = async (worker: string) =>
        (await stores().outbox.claim(worker, { limit: 100, leaseMs: LEASE_MS, topic: 'mail' }))
          .filter((message) => message.idempotencyKey.startsWith('requeue:'))
          .map((message) => message.idempotencyKey);
      expect(await ours('w1')).to.deep.equal(['requeue:1', 'requeue:2']);
      expect(await stores().outbox.markFailed(failed.id, 'w1', '550 no such mailbox')).to.equal(true);

      const requeued = await stores().outbox.requeue(failed.id);
      expect(requeued?.requeued).to.equal(true);
      expect(requeued?.message).to.include({ status: 'pending', tries: 0, lastError: '550 no such mailbox' });
      const notFailed = await stores().outbox.requeue(pending.id);
      expect(notFailed?.requeued, 'not failed: unchanged').to.equal(false);
      expect(notFailed?.message.tries).to.equal(1);
      expect(await stores().outbox.requeue(987_654_321)).to.equal(null);
      expect(await ours('w2'), 'due at once; requeue:2 is still leased by w1').to.deep.equal(['requeue:1']);
    });
  });
}
