import { AppError, systemClock, type Person, type ResourceLink } from '@kompetenta/core';
import type { Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { listCourseChoices } from '../deepLinking/courseChoices';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { courseChooserPage } from '../pages/courseChooserPage';
import { attemptTokenSecret } from '../player/attemptTokenSecret';
import { renderLandingPage } from './renderLandingPage';

/** Where the chooser form posts. */
export const COURSE_CHOICE_PATH = '/lti/course-choice';
const AUDIENCE = 'kompetenta-course-choice';
const LIFETIME_SECONDS = 30 * 60;

/**
 * The chooser form's token: signed (HS256, the attempt token secret), bound to the teacher, the
 * link and the organisation of the verified launch, expiring in 30 minutes. A form posted from
 * anywhere else carries no valid token, so the form needs no cookie (which an LMS iframe may block).
 */
async function signChoiceToken(deps: LtiRouterDeps, person: Person, link: ResourceLink): Promise<string> {
  const now = Math.floor((deps.clock ?? systemClock).now().getTime() / 1000);
  return new SignJWT({ org: person.organisationId, link: link.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(person.id)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(attemptTokenSecret(deps));
}

async function readChoiceToken(
  deps: LtiRouterDeps,
  token: unknown,
): Promise<{ organisationId: string; linkId: string; personId: string }> {
  try {
    if (typeof token !== 'string') throw new Error('no token');
    const { payload } = await jwtVerify(token, attemptTokenSecret(deps), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      currentDate: (deps.clock ?? systemClock).now(),
    });
    const { org, link, sub } = payload;
    if (typeof org !== 'string' || typeof link !== 'string' || typeof sub !== 'string')
      throw new Error('claims');
    return { organisationId: org, linkId: link, personId: sub };
  } catch {
    throw new AppError('LTI_COURSE_CHOICE_INVALID');
  }
}

/** Shows a teacher the course chooser for a link launched without the `course` parameter. */
export async function showCourseChooser(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  res: Response,
  chooser: { person: Person; link: ResourceLink },
  problem?: string,
): Promise<void> {
  const courses = await listCourseChoices(deps.stores);
  const token = await signChoiceToken(deps, chooser.person, chooser.link);
  deps.logger.info(
    { organisationId: chooser.person.organisationId, resourceLinkId: chooser.link.resourceLinkId },
    'LTI launch: course chooser shown',
  );
  res
    .status(problem ? 422 : 200)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      courseChooserPage(courses, {
        action: `${options.publicUrl}${COURSE_CHOICE_PATH}`,
        token,
        person: chooser.person,
        linkTitle: chooser.link.title,
        contextTitle: chooser.link.contextTitle,
        ...(problem === undefined ? {} : { problem }),
      }),
    );
}

/**
 * `POST /lti/course-choice`: stores the chosen course on the link (only a course that exists) and
 * shows the teacher the course overview; learners' later launches then open that course.
 */
export async function submitCourseChoice(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  req: Request,
  res: Response,
): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const claims = await readChoiceToken(deps, body.token);
  const [person, link] = await Promise.all([
    deps.stores.people.get(claims.organisationId, claims.personId),
    deps.stores.resourceLinks.get(claims.organisationId, claims.linkId),
  ]).catch(() => {
    throw new AppError('LTI_COURSE_CHOICE_INVALID');
  });
  const slug = typeof body.course === 'string' ? body.course : '';
  const course = slug === '' ? null : await deps.stores.courses.latestVersion(slug);
  if (!course) {
    await showCourseChooser(deps, options, res, { person, link }, 'Välj en kurs i listan.');
    return;
  }
  const chosen = await deps.stores.resourceLinks.chooseCourse(
    claims.organisationId,
    link.id,
    course.courseSlug,
  );
  deps.logger.info(
    { organisationId: claims.organisationId, resourceLinkId: link.resourceLinkId, course: course.courseSlug },
    'LTI launch: course chosen for the link',
  );
  res
    .status(200)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(await renderLandingPage(deps, options, { person, course, link: chosen }));
}
