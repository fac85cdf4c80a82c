import { systemClock } from '@kompetenta/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveLtiOptions, type LtiRouterDeps, type LtiRouterOptions } from '../LtiRouterOptions';
import { acceptCommit } from './acceptCommit';
import { attemptTokenSecret } from './attemptTokenSecret';
import { authoriseAttempt } from './authoriseAttempt';
import { hasDeclaredBody, readDeclaredBody } from './commitBodyReader';
import { asCommitError, COMMIT_BODY_LIMIT_BYTES, commitRefused, writeCommitAnswer } from './commitAnswers';
import { logPlayerError } from './playerErrors';

/**
 * A handler in front of a Node HTTP app: it answers the request and returns true, or returns
 * false without touching it, and the app serves it.
 */
export type NodeEndpoint = (req: IncomingMessage, res: ServerResponse) => boolean;

/** What the host adds to every answer of the endpoint, as its own middleware does elsewhere. */
export interface CommitEndpointHooks {
  /** Called first for a request the endpoint takes: the host's secure headers, request log. */
  readonly onRequest?: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * A player's ordinary commit exactly: `/api/attempts/<id>/commit?token=<token>` with an id and a
 * token of URL-safe characters only (a UUID, a JWT), so nothing needs decoding and the values are
 * the ones Express's routing and query parser would give. Any other spelling — percent-encoded,
 * another letter case, a trailing slash, more query parameters — goes to the Express route.
 */
const ORDINARY_COMMIT_URL = /^\/api\/attempts\/([\w-]{1,100})\/commit\?token=([\w.-]{1,4096})$/;

/**
 * The commit API served on node:http, ahead of Express. It is the busiest route by far (every
 * learner's page commits every few seconds, and its work is one token check and one statement),
 * and Express's per-request machinery (query parsing, request and response decoration, routing
 * through every router layer) was a fifth of the tool's CPU per commit. It takes only a
 * player's ordinary commit: a POST to {@link ORDINARY_COMMIT_URL} whose body declares its
 * length within the limit and is not compressed. Everything else is left to the Express route
 * (createCommitRouter), which does the same checks and gives the same answers. The token is
 * checked first (an unauthorised caller's body is never read); a refusal stores nothing.
 */
export function createCommitEndpoint(
  deps: LtiRouterDeps,
  options: LtiRouterOptions,
  hooks: CommitEndpointHooks = {},
): NodeEndpoint {
  const { publicUrl } = resolveLtiOptions(options);
  const secret = attemptTokenSecret(deps);
  const now = () => (deps.clock ?? systemClock).now();

  const serve = async (req: IncomingMessage, res: ServerResponse, attemptId: string, token: string) => {
    let status = 200;
    let answer: string;
    try {
      const claims = await authoriseAttempt(secret, token, attemptId, now());
      const body = await readDeclaredBody(req);
      const contentType = req.headers['content-type'];
      answer = await acceptCommit(deps, publicUrl, secret, now, { attemptId, claims, contentType, body });
    } catch (error) {
      const known = asCommitError(error);
      logPlayerError(deps.logger, known, error, req.url ?? '');
      status = known.httpStatus;
      answer = JSON.stringify(commitRefused(known));
    }
    writeCommitAnswer(res, status, answer);
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = ORDINARY_COMMIT_URL.exec(req.url ?? '');
    if (url === null || !hasDeclaredBody(req, COMMIT_BODY_LIMIT_BYTES)) return false;
    hooks.onRequest?.(req, res);
    serve(req, res, url[1]!, url[2]!).catch((error: unknown) => {
      // Only writing the answer can get here (the socket is gone); there is nobody to answer.
      deps.logger.error({ err: error, path: req.url?.split('?')[0] }, 'commit answer failed');
    });
    return true;
  };
}
