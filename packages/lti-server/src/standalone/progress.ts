import type { Attempt, Course, Stores } from '@kompetenta/core';

/** How far a person has come with one course, in the words the pages use. */
export type CourseProgress = 'inte_paborjad' | 'paborjad' | 'klar';

export const PROGRESS_TEXT: Record<CourseProgress, string> = {
  inte_paborjad: 'Inte påbörjad',
  paborjad: 'Påbörjad',
  klar: 'Klar',
};

/** Completed means completed (and not failed): the same rule the reports use. */
export function progressOf(attempt: Attempt | null): CourseProgress {
  if (!attempt || attempt.completionStatus === 'not_attempted') return 'inte_paborjad';
  if (attempt.completionStatus === 'completed' && attempt.successStatus !== 'failed') return 'klar';
  return 'paborjad';
}

/** The person's latest attempt at each course of the catalogue. */
export async function latestAttempts(
  stores: Stores,
  organisationId: string,
  personId: string,
  courses: readonly Course[],
): Promise<Map<string, Attempt | null>> {
  const entries = await Promise.all(
    courses.map(
      async (course) =>
        [course.slug, await stores.attempts.findLatest(organisationId, personId, course.slug)] as const,
    ),
  );
  return new Map(entries);
}
