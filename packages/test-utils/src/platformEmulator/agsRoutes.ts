import express, { Router, type Response } from 'express';
import type { EmulatedAgs } from './EmulatedAgs';

const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';
const ACTIVITY = ['Initialized', 'Started', 'InProgress', 'Completed'];
const GRADING = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];

function scoreProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.userId !== 'string' || !body.userId) problems.push('userId is required');
  if (typeof body.timestamp !== 'string' || Number.isNaN(Date.parse(body.timestamp)))
    problems.push('timestamp must be an ISO 8601 date-time');
  if (!ACTIVITY.includes(String(body.activityProgress))) problems.push('activityProgress is not valid');
  if (!GRADING.includes(String(body.gradingProgress))) problems.push('gradingProgress is not valid');
  if (body.scoreGiven !== undefined && typeof body.scoreMaximum !== 'number')
    problems.push('scoreMaximum is required with scoreGiven');
  return problems;
}

function answer(ags: EmulatedAgs, res: Response, status: number, body?: object): void {
  ags.answered(status);
  if (body) res.status(status).json(body);
  else res.status(status).end();
}

/**
 * The AGS score service of the emulator (AGS 2.0 §3.4): `POST <lineitem>/scores` with a bearer
 * token the token endpoint issued with the score scope and the score media type. Faults set on
 * `ags` come first (a slow or failing platform answers before it looks at the request). A delayed
 * request whose client gave up meanwhile is dropped unrecorded, as behind a proxy that cut it.
 */
export function createAgsRoutes(ags: EmulatedAgs): Router {
  const router = Router();
  router.post(
    '/lineitems/:id/lineitem/scores',
    express.json({ type: () => true, limit: '64kb' }),
    (req, res, next) => {
      let clientGone = false;
      res.on('close', () => {
        if (!res.writableFinished) clientGone = true;
      });
      const handle = () => {
        if (clientGone) return;
        const fault = ags.takeFault();
        if (fault) {
          if (fault.retryAfter !== undefined) res.set('retry-after', fault.retryAfter);
          return answer(ags, res, fault.status, { error: 'fault injected by the test' });
        }
        const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
        if (!token || !ags.mayPostScores(token))
          return answer(ags, res, 401, {
            error: 'invalid_token',
            error_description: 'a token with the score scope is required',
          });
        const mediaType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (mediaType !== SCORE_MEDIA_TYPE)
          return answer(ags, res, 415, { error: `Content-Type must be ${SCORE_MEDIA_TYPE}` });
        if (!ags.lineItems.has(req.params.id)) return answer(ags, res, 404, { error: 'no such line item' });
        const body = (req.body ?? {}) as Record<string, unknown>;
        const problems = scoreProblems(body);
        if (problems.length > 0) return answer(ags, res, 400, { error: 'invalid score', problems });
        ags.receive(req.params.id, body);
        answer(ags, res, 204);
      };
      try {
        const delayMs = ags.currentDelayMs;
        if (delayMs > 0) setTimeout(handle, delayMs);
        else handle();
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
