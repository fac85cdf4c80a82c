import { Router } from 'express';
import { createCertificateRoutes } from '../certificate/certificateRoutes';
import { loadSession } from '../session/loadSession';
import { createSessionRoutes } from '../session/sessionRoutes';
import { createCourseListRoutes } from './courseListRoutes';
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
  const inner = Router();
  inner.use(loadSession(deps, options));
  inner.use(createSessionRoutes(deps, options));
  inner.use(createSignInRoutes(deps, options));
  inner.use(createCourseListRoutes(deps));
  inner.use(createOrgAdminRoutes(deps, options));
  inner.use(createCertificateRoutes(deps));
  inner.use(createStandaloneErrorMiddleware(deps.logger));
  router.use((req, res, next) => {
    if (STANDALONE_PATHS.test(req.path)) inner(req, res, next);
    else next();
  });
  return router;
}
