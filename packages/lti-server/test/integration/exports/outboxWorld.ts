import type { Database } from '@kompetenta/storage';
import { expect } from 'chai';

/** A message the receiver refused for good, as the grade or mail worker leaves it: returns its id. */
export async function seedFailedMessage(
  db: Database,
  topic: 'grade' | 'mail',
  organisationId: string,
  error: string,
): Promise<number> {
  const message = await db.stores.outbox.enqueue({
    topic,
    idempotencyKey: `${topic}:${organisationId}:${error}`,
    organisationId,
    payload: topic === 'grade' ? { attemptId: 'attempt-1' } : { template: 'sign-in', body: 'HEMLIG TEXT' },
  });
  const claimed = await db.stores.outbox.claim('test-worker', { limit: 10, leaseMs: 60_000, topic });
  expect(claimed.map((m) => m.id)).to.include(message.id);
  expect(await db.stores.outbox.markFailed(message.id, 'test-worker', error)).to.equal(true);
  return message.id;
}
