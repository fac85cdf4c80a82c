import { isAppError, type OutboxMessage } from '@kompetenta/core';
import type { DashboardRouterDeps } from '../DashboardRouterDeps';
import type { DashboardViewer } from '../loadDashboard';

/** At most this many failed messages are read per page; more is a problem to fix, not to page through. */
export const FAILED_LIMIT = 1000;

/**
 * The failed messages the viewer may see, oldest first: all for programme staff, only their
 * organisation's for an organisation's admin (a message without organisation is programme staff's).
 */
export async function failedMessagesFor(
  deps: Pick<DashboardRouterDeps, 'stores'>,
  viewer: DashboardViewer,
): Promise<OutboxMessage[]> {
  // Filtered in the database: other organisations' failures never fill an admin's limit.
  return deps.stores.outbox.list({
    status: 'failed',
    limit: FAILED_LIMIT,
    ...(viewer.organisationId === null ? {} : { organisationId: viewer.organisationId }),
  });
}

/** The course and learner of a grade's attempt, for staff to recognise it. */
export interface GradeSubject {
  readonly course: string;
  readonly learner: string | null;
}

/**
 * The course title and learner name per attempt of the failed grades, each attempt read once. An
 * attempt that is gone (its person erased) is simply left out: the row still shows its id.
 */
export async function gradeSubjectsOf(
  deps: Pick<DashboardRouterDeps, 'stores'>,
  messages: readonly OutboxMessage[],
): Promise<Map<string, GradeSubject>> {
  const subjects = new Map<string, GradeSubject>();
  for (const message of messages) {
    const attemptId = message.payload.attemptId;
    if (message.topic !== 'grade' || message.organisationId === null || typeof attemptId !== 'string')
      continue;
    if (subjects.has(attemptId)) continue;
    try {
      const attempt = await deps.stores.attempts.get(message.organisationId, attemptId);
      const version = await deps.stores.courses.getVersion(attempt.courseVersionId);
      const person = await deps.stores.people.get(message.organisationId, attempt.personId);
      subjects.set(attemptId, { course: version.outline.title, learner: person.name });
    } catch (error) {
      // Gone or malformed: the id alone identifies the row.
      if (!isAppError(error, 'STORE_RECORD_NOT_FOUND') && !isAppError(error, 'STORE_VALUE_INVALID'))
        throw error;
    }
  }
  return subjects;
}
