import { Router } from 'express';
import { createCertificateRoutes } from '../certificate/certificateRoutes';
import { announceOrgEvents } from '../http/servedPages';
import { loadSession } from '../session/loadSession';
import { createSessionRoutes } from '../session/sessionRoutes';
import { createCourseListRoutes } from './courseListRoutes';
import { createEventInvitationRoutes } from './eventInvitationRoutes';
import { createOrgAdminRoutes } from './orgAdminRoutes';
import { createSignInRoutes } from './signInRoutes';
import type { StandaloneDeps, StandaloneOptions } from './StandaloneOptions';
import { createStandaloneErrorMiddleware } from './standaloneErrorMiddleware';

/** Paths this router answers; anything else passes through to the next router untouched. */
const STANDALONE_PATHS = /^\/(signin|signout|auth\/handoff|courses|org|certificate|mail\/opt-out)(\/|$)/;

/**
 * The first-party pages for people without an LMS: sign-in (links by e-mail), sessions, the
 * course list, organisation admin pages. Its own error middleware answers only its own paths.
 */
export function createStandaloneRouter(deps: StandaloneDeps, options: StandaloneOptions): Router {
  const router = Router();
  // Other paths leave the whole router ('router'), so its session loading and error pages never
  // touch them. One flat router (not a wrapped inner one) keeps every route visible in its stack,
  // where the app's access-matrix test enumerates them.
  // Said before the path filter: the menus of the routers mounted after this one link to /org/events too.
  if (deps.checkinSecret) router.use(announceOrgEvents());
  router.use((req, _res, next) => (STANDALONE_PATHS.test(req.path) ? next() : next('router')));
  router.use(loadSession(deps, options));
  router.use(createSessionRoutes(deps, options));
  router.use(createSignInRoutes(deps, options));
  router.use(createCourseListRoutes(deps));
  router.use(createOrgAdminRoutes(deps, options));
  if (deps.checkinSecret)
    router.use(createEventInvitationRoutes({ ...deps, checkinSecret: deps.checkinSecret }, options));
  router.use(createCertificateRoutes(deps));
  router.use(createStandaloneErrorMiddleware(deps.logger));
  return router;
}
