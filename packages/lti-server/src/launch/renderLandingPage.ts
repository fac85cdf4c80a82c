import type { CourseVersion, Person, Stores } from '@kompetenta/core';
import { courseOverviewPage, learnerCoursePage } from '../pages/coursePages';

/**
 * The page after a valid launch: staff see the course overview of their organisation, learners
 * their course page. Reads only within the person's organisation.
 */
export async function renderLandingPage(
  stores: Stores,
  launch: { person: Person; course: CourseVersion; staff: boolean },
): Promise<string> {
  const { person, course } = launch;
  if (!launch.staff) {
    return learnerCoursePage(
      person,
      course,
      await stores.attempts.findLatest(person.organisationId, person.id, course.courseSlug),
    );
  }
  const [people, attempts] = await Promise.all([
    stores.people.list(person.organisationId),
    stores.attempts.listForCourseVersion(person.organisationId, course.id),
  ]);
  const latest = new Map(attempts.map((attempt) => [attempt.personId, attempt]));
  const rows = people
    .filter((candidate) => latest.has(candidate.id))
    .map((candidate) => ({ person: candidate, attempt: latest.get(candidate.id) ?? null }));
  return courseOverviewPage(person, course, rows);
}
