import { systemClock } from '@kompetenta/core';
import { Router } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { acceptCommit } from './acceptCommit';
import { attemptTokenSecret } from './attemptTokenSecret';
import { authoriseAttempt } from './authoriseAttempt';
import { commitBodyReader } from './commitBodyReader';
import {
  asCommitError,
  COMMIT_BODY_LIMIT_BYTES,
  COMMIT_PRIVATE_HEADERS,
  commitRefused,
  writeCommitAnswer,
} from './commitAnswers';
import { playerErrors } from './playerErrors';

/**
 * The commit API on Express: `POST /api/attempts/:attemptId/commit?token=`, authorised by the
 * attempt token in the URL, answered with JSON; a refusal stores nothing. A player's ordinary
 * commit is served before Express by the node:http endpoint (createCommitEndpoint); this route
 * serves every other request to the path (chunked or compressed bodies, odd URLs), with the same
 * checks and answers. createLtiRouter mounts it first, ahead of the other routes' matching.
 */
export function createCommitRouter(deps: LtiRouterDeps, options: ResolvedLtiOptions): Router {
  const router = Router();
  const secret = attemptTokenSecret(deps);
  const now = () => (deps.clock ?? systemClock).now();

  router.post(
    '/api/attempts/:attemptId/commit',
    asyncHandler(async (req, res, next) => {
      res.set(COMMIT_PRIVATE_HEADERS);
      // The token first: an unauthorised caller's body is never read.
      const claims = await authoriseAttempt(secret, req.query.token, String(req.params.attemptId), now());
      res.locals.attemptClaims = claims;
      next();
    }),
    commitBodyReader(COMMIT_BODY_LIMIT_BYTES),
    asyncHandler(async (req, res) => {
      const answer = await acceptCommit(deps, options.publicUrl, secret, now, {
        attemptId: String(req.params.attemptId),
        claims: res.locals.attemptClaims as Awaited<ReturnType<typeof authoriseAttempt>>,
        contentType: req.headers['content-type'],
        body: req.body,
      });
      writeCommitAnswer(res, 200, answer);
    }),
  );

  router.use(
    '/api/attempts',
    playerErrors(deps.logger, asCommitError, (res, known) =>
      res.set(COMMIT_PRIVATE_HEADERS).json(commitRefused(known)),
    ),
  );
  return router;
}
