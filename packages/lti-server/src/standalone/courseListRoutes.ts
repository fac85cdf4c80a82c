import { AppError, systemClock } from '@kompetenta/core';
import { Router, urlencoded } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { csrfField, csrfToken, requireCsrf } from '../http/csrf';
import { openLearnerAttempt } from '../launch/openLearnerAttempt';
import { html } from '../pages/layout';
import { signAttemptToken } from '../player/attemptToken';
import { PLAYER_PATHS } from '../player/playerPaths';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal } from '../session/sessionContext';
import { latestAttempts, progressOf, PROGRESS_TEXT } from './progress';
import type { StandaloneDeps } from './StandaloneOptions';
import { standalonePage } from './standalonePage';
import { appPath, basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

const BUTTON = { inte_paborjad: 'Starta', paborjad: 'Fortsätt', klar: 'Öppna igen' } as const;

/**
 * `/courses`: the catalogue for a signed-in person with their progress, and `POST
 * /courses/:slug/start`, which opens or resumes the attempt (the same rule as an LTI launch) and
 * goes to the player with a fresh attempt token.
 */
export function createCourseListRoutes(deps: StandaloneDeps): Router {
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const signedIn = requireAccess('learner', 'org_admin', 'programme_staff');

  router.get(
    '/courses',
    signedIn,
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const csrf = csrfToken(req, res);
      const base = basePath(res);
      const [organisation, courses] = await Promise.all([
        deps.stores.organisations.get(principal.organisationId),
        deps.stores.courses.listCourses(),
      ]);
      const attempts = await latestAttempts(
        deps.stores,
        principal.organisationId,
        principal.personId,
        courses,
      );
      const items = courses.map((course) => {
        const attempt = attempts.get(course.slug) ?? null;
        const progress = progressOf(attempt);
        const certificate =
          progress === 'klar' && attempt
            ? html` <a href="${base}/certificate/${attempt.id}">Intyg för ${course.title}</a>`
            : html``;
        return html`<li>
          <h2>${course.title}</h2>
          <p>Status: ${PROGRESS_TEXT[progress]}</p>
          <form method="post" action="${base}/courses/${course.slug}/start">
            ${csrfField(csrf)}
            <button type="submit" aria-label="${BUTTON[progress]} ${course.title}">${BUTTON[progress]}</button
            >${certificate}
          </form>
        </li>`;
      });
      const main = courses.length
        ? html`<ul class="courses">
            ${items}
          </ul>`
        : html`<p>Det finns inga kurser ännu.</p>`;
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          standalonePage('Kurser', `Kurser hos ${organisation.name}`, main, {
            principal,
            csrf,
            base,
            orgEvents: servesOrgEvents(res),
          }),
        );
    }),
  );

  router.post(
    '/courses/:slug/start',
    signedIn,
    urlencoded({ extended: false, limit: '8kb' }),
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      if (!deps.attemptTokenSecret)
        throw new AppError('APP_INTERNAL_ERROR', 'No attempt token secret is configured.');
      const course = await deps.stores.courses.latestVersion(req.params.slug ?? '');
      if (!course) throw new AppError('APP_ROUTE_NOT_FOUND', 'No such course.');
      const { attempt } = await deps.stores.transaction((stores) =>
        openLearnerAttempt(stores, {
          organisationId: principal.organisationId,
          personId: principal.personId,
          course,
          ltiResourceLinkId: null,
          resourceLinkId: null,
        }),
      );
      const token = await signAttemptToken(
        deps.attemptTokenSecret,
        { attemptId: attempt.id, organisationId: principal.organisationId, personId: principal.personId },
        clock.now(),
      );
      res.set('Cache-Control', 'no-store').redirect(303, appPath(res, PLAYER_PATHS.play(attempt.id, token)));
    }),
  );
  return router;
}
