import type { Database } from '@kompetenta/storage';
import { expect } from 'chai';

/** A message the receiver refused for good, as the grade or mail worker leaves it: returns its id. */
export async function seedFailedMessage(
  db: Database,
  topic: 'grade' | 'mail',
  organisationId: string,
  error: string,
  attemptId = 'attempt-1',
): Promise<number> {
  const message = await db.stores.outbox.enqueue({
    topic,
    idempotencyKey: `${topic}:${organisationId}:${error}`,
    organisationId,
    payload: topic === 'grade' ? { attemptId } : { template: 'sign-in', body: 'HEMLIG TEXT' },
  });
  const claimed = await db.stores.outbox.claim('test-worker', { limit: 10, leaseMs: 60_000, topic });
  expect(claimed.map((m) => m.id)).to.include(message.id);
  expect(await db.stores.outbox.markFailed(message.id, 'test-worker', error)).to.equal(true);
  return message.id;
}

/** A learner's attempt of a course in `organisationId`, so a grade row can name both: returns its id. */
export async function seedAttempt(db: Database, organisationId: string, learner: string): Promise<string> {
  const person = await db.stores.people.upsertByEmail({
    organisationId,
    email: `${learner.toLowerCase().replace(/\W+/g, '.')}@example.se`,
    name: learner,
  });
  const version = await db.stores.courses.registerVersion({
    courseSlug: 'handledning',
    courseTitle: 'Handledning i praktiken',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: 'sha256:outbox',
    outline: { title: 'Handledning i praktiken', masteryScore: 80, lessons: [] },
  });
  const attempt = await db.stores.attempts.create({
    organisationId,
    personId: person.id,
    courseVersionId: version.id,
    scormVersion: '2004',
  });
  return attempt.id;
}
