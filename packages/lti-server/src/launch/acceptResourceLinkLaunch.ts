import {
  AppError,
  isAppError,
  isStaffRole,
  systemClock,
  type CourseVersion,
  type Person,
  type ResolvedTenant,
  type ResourceLink,
  type Stores,
} from '@kompetenta/core';
import type { Response } from 'express';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { courseNotChosenPage } from '../pages/courseNotChosenPage';
import { signAttemptToken } from '../player/attemptToken';
import { PLAYER_PATHS } from '../player/playerPaths';
import { attemptTokenSecret } from '../player/attemptTokenSecret';
import { openLearnerAttempt } from './openLearnerAttempt';
import type { ResourceLinkLaunch } from './readLaunchClaims';
import { renderLandingPage } from './renderLandingPage';
import { showCourseChooser } from './courseChooser';
import { eventAttendancePage, recordEventAttendance, type EventLaunchOutcome } from './recordEventAttendance';

/** What a verified resource link launch leads to, decided inside one transaction. */
type Outcome =
  | { readonly kind: 'play'; readonly person: Person; readonly attemptId: string }
  | {
      readonly kind: 'overview';
      readonly person: Person;
      readonly course: CourseVersion;
      readonly link: ResourceLink;
    }
  | { readonly kind: 'choose'; readonly person: Person; readonly link: ResourceLink }
  | EventLaunchOutcome;

/** Thrown inside the transaction so a learner's launch before the course is chosen stores nothing. */
class CourseNotChosen extends Error {}

async function decide(stores: Stores, tenant: ResolvedTenant, launch: ResourceLinkLaunch): Promise<Outcome> {
  const organisationId = tenant.deployment.organisationId;
  const staff = isStaffRole(launch.roles);
  const person = await stores.people.upsertByLti({
    organisationId,
    ltiIssuer: tenant.platform.issuer,
    ltiSubject: launch.subject,
    name: launch.name,
    email: launch.email,
    roles: launch.roles,
  });
  const link = await stores.resourceLinks
    .upsertFromLaunch({
      platformId: tenant.platform.id,
      deploymentId: tenant.deployment.deploymentId,
      resourceLinkId: launch.resourceLinkId,
      organisationId,
      contextId: launch.contextId,
      contextTitle: launch.contextTitle,
      title: launch.resourceLinkTitle,
      agsLineItemUrl: launch.ags.lineItemUrl,
      agsLineItemsUrl: launch.ags.lineItemsUrl,
      agsScopes: launch.ags.scopes,
      nrpsMembershipsUrl: launch.nrpsMembershipsUrl,
    })
    .catch((error: unknown) => {
      // The link is known under another organisation: its deployment was remapped. Refuse.
      throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
        ? new AppError('LTI_DEPLOYMENT_UNKNOWN', 'The resource link belongs to another organisation.', {
            resourceLinkId: launch.resourceLinkId,
          })
        : error;
    });
  // An event link (custom `event=<id>`, an online seminar) records attendance instead.
  if (launch.eventId) return recordEventAttendance(stores, person, launch.eventId);
  // The link's own `course` parameter wins; a teacher's choice serves links without one.
  const slug = launch.courseSlug ?? link.courseSlug;
  if (!slug) {
    if (staff) return { kind: 'choose', person, link };
    throw new CourseNotChosen();
  }
  const course = await stores.courses.latestVersion(slug);
  if (!course) throw new AppError('LTI_COURSE_UNKNOWN', `There is no course ${slug}.`, { course: slug });
  if (staff) return { kind: 'overview', person, course, link };
  const { attempt } = await openLearnerAttempt(stores, {
    organisationId,
    personId: person.id,
    course,
    ltiResourceLinkId: link.id,
    resourceLinkId: launch.resourceLinkId,
  });
  return { kind: 'play', person, attemptId: attempt.id };
}

/**
 * The part of a resource link launch after the tenant is resolved: the person, the link (with its
 * AGS and NRPS URLs) and the learner's attempt are written in one transaction; then a learner is
 * sent (303) to the player with a fresh attempt token, staff see the course overview, and a
 * teacher launching a link without a course chooses one. A learner launching such a link sees a
 * page saying so, and nothing is stored.
 */
export async function acceptResourceLinkLaunch(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  res: Response,
  launched: { tenant: ResolvedTenant; launch: ResourceLinkLaunch },
): Promise<void> {
  const { tenant, launch } = launched;
  const organisationId = tenant.deployment.organisationId;
  let outcome: Outcome;
  try {
    outcome = await deps.stores.transaction((stores) => decide(stores, tenant, launch));
  } catch (error) {
    if (!(error instanceof CourseNotChosen)) throw error;
    deps.logger.info(
      { organisationId, resourceLinkId: launch.resourceLinkId },
      'LTI launch: the link has no course yet',
    );
    res.status(409).set('Cache-Control', 'no-store').type('html').send(courseNotChosenPage(launch.name));
    return;
  }
  res.set('Cache-Control', 'no-store');
  if (outcome.kind === 'event') {
    deps.logger.info(
      { organisationId, personId: outcome.person.id, eventId: outcome.event.id, recorded: outcome.recorded },
      'LTI event link: attendance',
    );
    res.status(200).type('html').send(eventAttendancePage(outcome));
    return;
  }
  if (outcome.kind === 'choose') {
    await showCourseChooser(deps, options, res, outcome);
    return;
  }
  if (outcome.kind === 'overview') {
    deps.logger.info(
      { organisationId, personId: outcome.person.id, course: outcome.course.courseSlug, staff: true },
      'LTI launch accepted',
    );
    res
      .status(200)
      .type('html')
      .send(await renderLandingPage(deps, options, outcome));
    return;
  }
  const token = await signAttemptToken(
    attemptTokenSecret(deps),
    { attemptId: outcome.attemptId, organisationId, personId: outcome.person.id },
    (deps.clock ?? systemClock).now(),
  );
  deps.logger.info(
    { organisationId, personId: outcome.person.id, attemptId: outcome.attemptId, staff: false },
    'LTI launch accepted',
  );
  res.redirect(303, `${options.publicUrl}${PLAYER_PATHS.play(outcome.attemptId, token)}`);
}
