import { AppError, hashOpaqueToken, systemClock } from '@kompetenta/core';
import { Router, urlencoded } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { requireCsrf } from '../http/csrf';
import { consumeSignInLink } from './consumeSignInLink';
import { appPath, cookiePath } from '../http/basePath';
import { HANDOFF_PATH } from './handoff';
import { SIGN_IN_PATH } from './requireAccess';
import { SESSION_COOKIE, sessionCookieOptions } from './sessionCookie';
import { sessionContextOf } from './sessionContext';
import { startSession } from './startSession';
import { resolveSessionOptions, type WebSessionDeps, type WebSessionOptions } from './WebSessionOptions';

/** Where a signed-in person lands by access level. */
export function homePathFor(access: string): string {
  return access === 'learner' ? '/courses' : '/org';
}

/**
 * Sign-out (`POST /signout`, CSRF-checked: a GET link could be triggered by any page) and the LTI
 * staff handoff (`GET /auth/handoff?token=`). Mount after `loadSession`.
 */
export function createSessionRoutes(deps: WebSessionDeps, options: WebSessionOptions): Router {
  const resolved = resolveSessionOptions(options);
  const clock = deps.clock ?? systemClock;
  const router = Router();

  router.post(
    '/signout',
    urlencoded({ extended: false, limit: '8kb' }),
    requireCsrf(),
    asyncHandler(async (_req, res) => {
      const token = sessionContextOf(res).sessionToken;
      if (token !== null) await deps.stores.webSessions.end(hashOpaqueToken(token));
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(resolved.secureCookies, cookiePath(res)));
      res.set('Cache-Control', 'no-store').redirect(303, `${appPath(res, SIGN_IN_PATH)}?utloggad=1`);
    }),
  );

  // A GET that consumes: the link is never mailed (no scanner prefetches it), it is opened by a
  // click on the staff overview page within minutes, and it is single-use.
  router.get(
    HANDOFF_PATH,
    asyncHandler(async (req, res) => {
      const token = typeof req.query.token === 'string' ? req.query.token : '';
      if (token === '') throw new AppError('SIGNIN_LINK_INVALID');
      const link = await deps.stores.transaction(async (stores) => {
        const consumed = await consumeSignInLink(stores, token, ['handoff'], clock.now());
        await startSession(deps, stores, res, resolved, {
          personId: consumed.personId,
          organisationId: consumed.organisationId,
          access: consumed.access,
        });
        return consumed;
      });
      deps.logger.info(
        { personId: link.personId, organisationId: link.organisationId },
        'staff handoff signed in',
      );
      res
        .set('Cache-Control', 'no-store')
        .set('Referrer-Policy', 'no-referrer')
        .redirect(303, appPath(res, homePathFor(link.access)));
    }),
  );
  return router;
}
