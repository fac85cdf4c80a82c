import { systemClock } from '@kompetenta/core';
import { Router } from 'express';
import { asHttpAppError } from '../http/asHttpAppError';
import { asyncHandler } from '../http/asyncHandler';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { playerErrorPage } from '../pages/playerErrorPage';
import { attemptTokenSecret } from './attemptTokenSecret';
import { authoriseAttempt } from './authoriseAttempt';
import { playerErrors } from './playerErrors';
import { renderPlayer } from './renderPlayer';

/**
 * The player page: `GET /play/:attemptId?token=`, authorised by the attempt token in the URL; errors
 * are answered with an accessible page. Its commits go to the commit API (createCommitRouter).
 */
export function createPlayerRouter(deps: LtiRouterDeps, options: ResolvedLtiOptions): Router {
  const router = Router();
  const secret = attemptTokenSecret(deps);
  const now = () => (deps.clock ?? systemClock).now();

  router.get(
    '/play/:attemptId',
    asyncHandler(async (req, res) => {
      // The token is in the URL: no caching, and no Referer carrying it to the content or elsewhere.
      res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
      const attemptId = String(req.params.attemptId);
      const token = typeof req.query.token === 'string' ? req.query.token : '';
      const claims = await authoriseAttempt(secret, token, attemptId, now());
      const html = await renderPlayer(deps, options, claims, token);
      res.status(200).type('html').send(html);
    }),
  );

  router.use(
    '/play',
    playerErrors(deps.logger, asHttpAppError, (res, known) =>
      res.set('Cache-Control', 'no-store').type('html').send(playerErrorPage(known.code)),
    ),
  );
  return router;
}
