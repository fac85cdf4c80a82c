import { enqueueMail, type Attempt, type Stores } from '@kompetenta/core';
import { certificatePath } from './mailLinks';
import { stockholmDate } from './reminders';

/** Course hours on the certificate: the lessons' planned minutes, to the half hour (at least ½). */
export function courseHours(lessons: readonly { minutes: number }[]): number {
  const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return Math.max(0.5, Math.round(minutes / 30) / 2);
}

/**
 * Enqueues the completion confirmation for an attempt that has just become completed. Call it in
 * the commit's transaction (the commit handler, `applyLearnerCommit`, when `before.completedAt`
 * was null and the stored attempt's `completedAt` is set), so the mail row lands with the
 * completion or not at all. Only standalone people with an e-mail address get it (an LMS tells its
 * own learners); the key `completion:<attempt id>` sends it once. Returns whether one was enqueued.
 */
export async function enqueueCompletionMail(
  stores: Stores,
  attempt: Attempt,
  publicUrl: string,
): Promise<boolean> {
  if (attempt.completedAt === null) return false;
  const person = await stores.people.get(attempt.organisationId, attempt.personId);
  if (person.email === null || person.ltiSubject !== null || person.erasedAt !== null) return false;
  const [organisation, version] = await Promise.all([
    stores.organisations.get(attempt.organisationId),
    stores.courses.getVersion(attempt.courseVersionId),
  ]);
  await enqueueMail(stores.outbox, {
    template: 'completion',
    idempotencyKey: `completion:${attempt.id}`,
    sender: organisation,
    recipient: { email: person.email, name: person.name },
    data: {
      courseTitle: version.outline.title,
      completedOn: stockholmDate(attempt.completedAt),
      hours: courseHours(version.outline.lessons),
      certificateUrl: `${publicUrl.replace(/\/+$/, '')}${certificatePath(attempt.id)}`,
    },
  });
  return true;
}
