import {
  LTI_ROLES,
  systemClock,
  type Attempt,
  type CourseVersion,
  type Person,
  type ResourceLink,
} from '@kompetenta/core';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { courseOverviewPage, type OverviewRow } from '../pages/coursePages';
import { issueHandoffLink } from '../session/handoff';

const LEARNER_ROLES = new Set<string>([LTI_ROLES.contextLearner, LTI_ROLES.institutionLearner, 'Learner']);

/** The Names and Roles members who are learners of the link's context, or why we could not ask. */
async function rosterLearners(
  deps: LtiRouterDeps,
  link: ResourceLink,
): Promise<{ members: { userId: string; name: string | null }[]; failed: boolean }> {
  if (!link.nrpsMembershipsUrl || !deps.platformServices) return { members: [], failed: false };
  try {
    const platform = await deps.stores.tenants.getPlatform(link.platformId);
    const members = await deps.platformServices.roster(platform, link.nrpsMembershipsUrl);
    return {
      members: members
        .filter((member) => member.status === undefined || member.status === 'Active')
        .filter((member) => member.roles.some((role) => LEARNER_ROLES.has(role)))
        .map((member) => ({ userId: member.user_id, name: member.name ?? null })),
      failed: false,
    };
  } catch (error) {
    deps.logger.warn(
      { err: error, organisationId: link.organisationId, resourceLinkId: link.resourceLinkId },
      'Names and Roles roster could not be fetched; the overview shows stored attempts only',
    );
    return { members: [], failed: true };
  }
}

/**
 * Staff's course overview: each learner's attempts at the course (any version) with status,
 * score and time, merged with the Names and Roles roster of the link's context so staff also see
 * who has not started. Reads only within the person's organisation.
 */
export async function renderLandingPage(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  view: { person: Person; course: CourseVersion; link: ResourceLink },
): Promise<string> {
  const { person, course, link } = view;
  const organisationId = person.organisationId;
  const [people, attempts, roster] = await Promise.all([
    deps.stores.people.list(organisationId),
    deps.stores.attempts.listForCourse(organisationId, course.courseSlug),
    rosterLearners(deps, link),
  ]);
  const byPerson = new Map<string, Attempt[]>();
  for (const attempt of attempts)
    byPerson.set(attempt.personId, [...(byPerson.get(attempt.personId) ?? []), attempt]);
  const bySubject = new Map(
    people
      .filter((candidate) => candidate.ltiSubject !== null)
      .map((candidate) => [candidate.ltiSubject, candidate] as const),
  );
  const rows: OverviewRow[] = people
    .filter((candidate) => byPerson.has(candidate.id))
    .map((candidate) => ({ name: candidate.name, attempts: byPerson.get(candidate.id) ?? [] }));
  for (const member of roster.members) {
    const known = bySubject.get(member.userId);
    if (known && byPerson.has(known.id)) continue;
    rows.push({ name: member.name ?? known?.name ?? null, attempts: [] });
  }
  rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'sv'));
  // The dashboard needs a first-party session, which an LMS iframe cannot keep: a single-use link
  // opens it in a new window (session/handoff.ts).
  const statisticsUrl = `${options.basePath}${await issueHandoffLink(
    deps.stores,
    { personId: person.id, organisationId },
    (deps.clock ?? systemClock).now(),
  )}`;
  return courseOverviewPage(
    person,
    course,
    rows,
    {
      rosterFailed: roster.failed,
      rosterUsed: link.nrpsMembershipsUrl !== null && deps.platformServices !== undefined,
    },
    statisticsUrl,
  );
}
