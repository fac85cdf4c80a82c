import { AppError, isAppError, systemClock } from '@kompetenta/core';
import { Router } from 'express';
import { asHttpAppError, isClientHttpError } from '../http/asHttpAppError';
import { asyncHandler } from '../http/asyncHandler';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { applyLearnerCommit } from './applyLearnerCommit';
import { ATTEMPT_TOKEN_RENEW_WITHIN_SECONDS, signAttemptToken } from './attemptToken';
import { attemptTokenSecret } from './attemptTokenSecret';
import { authoriseAttempt } from './authoriseAttempt';
import { commitBodyReader } from './commitBodyReader';
import { playerErrors } from './playerErrors';
import { readCommitBody } from './readCommitBody';

/** Largest commit body (player contract): a full 2004 commit with 250 interactions fits. */
export const COMMIT_BODY_LIMIT_BYTES = 256 * 1024;

/** The JSON answer of a refused commit (scorm-again reads `result` and `errorCode`). */
function commitError(error: AppError) {
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return {
    result: false,
    errorCode: 101,
    error: { code: error.code, message: error.message, ...(problems === undefined ? {} : { problems }) },
  };
}

/** body-parser's own errors (too large, aborted) as our codes. */
function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('ATTEMPT_COMMIT_TOO_LARGE');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new AppError('ATTEMPT_COMMIT_MEDIA_UNSUPPORTED');
  if (type === 'request.aborted' || type === 'entity.parse.failed')
    return new AppError('ATTEMPT_COMMIT_MALFORMED');
  // Any other client error body-parser raises (e.g. gzip that does not inflate) is the client's.
  if (isClientHttpError(error)) return new AppError('ATTEMPT_COMMIT_MALFORMED');
  // The rest as every route answers it: 503 while the database is gone (the player retries), else 500.
  return asHttpAppError(error);
}

/** The headers of every commit answer: the token is in the URL, so no caching and no Referer. */
const PRIVATE_HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * The commit API: `POST /api/attempts/:attemptId/commit?token=`, authorised by the attempt token in
 * the URL, answered with JSON; a refusal stores nothing. It is the busiest route by far (every
 * learner's page commits every few seconds), so createLtiRouter mounts it first, ahead of the
 * other routes' matching, and it reads its body and writes its answer with the least machinery
 * (commitBodyReader; one `writeHead`) — the checks are the same as anywhere else.
 */
export function createCommitRouter(deps: LtiRouterDeps, options: ResolvedLtiOptions): Router {
  const router = Router();
  const secret = attemptTokenSecret(deps);
  const now = () => (deps.clock ?? systemClock).now();

  router.post(
    '/api/attempts/:attemptId/commit',
    asyncHandler(async (req, res, next) => {
      res.setHeader('Cache-Control', PRIVATE_HEADERS['Cache-Control']);
      res.setHeader('Referrer-Policy', PRIVATE_HEADERS['Referrer-Policy']);
      // The token first: an unauthorised caller's body is never read.
      const claims = await authoriseAttempt(secret, req.query.token, String(req.params.attemptId), now());
      res.locals.attemptClaims = claims;
      next();
    }),
    commitBodyReader(COMMIT_BODY_LIMIT_BYTES),
    asyncHandler(async (req, res) => {
      const attemptId = String(req.params.attemptId);
      const body = readCommitBody(req.headers['content-type'], req.body);
      const claims = res.locals.attemptClaims as Awaited<ReturnType<typeof authoriseAttempt>>;
      await applyLearnerCommit(
        deps.stores,
        attemptId,
        { claims, seq: body.seq, cmi: body.cmi },
        options.publicUrl,
      );
      // A page open for long gets a fresh token before its own runs out (player contract).
      const at = now();
      const token =
        claims.expiresAt.getTime() - at.getTime() < ATTEMPT_TOKEN_RENEW_WITHIN_SECONDS * 1000
          ? await signAttemptToken(secret, claims, at)
          : undefined;
      // Written directly: res.json would also hash the answer for an ETag nobody revalidates.
      const answer = JSON.stringify({
        result: true,
        errorCode: 0,
        ...(token === undefined ? {} : { token }),
      });
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(answer),
      });
      res.end(answer);
    }),
  );

  router.use(
    '/api/attempts',
    playerErrors(deps.logger, asAppError, (res, known) => res.set(PRIVATE_HEADERS).json(commitError(known))),
  );
  return router;
}
