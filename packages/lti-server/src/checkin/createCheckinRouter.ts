import {
  errorDefinition,
  isAppError,
  systemClock,
  type ErrorCode,
  type ProgrammeEvent,
} from '@kompetenta/core';
import cookieParser from 'cookie-parser';
import express, { Router, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { asyncHandler } from '../http/asyncHandler';
import { csrfToken, hasValidCsrfToken } from '../http/csrf';
import type { LtiRouterDeps } from '../LtiRouterOptions';
import { EMPTY_CHECKIN, readCheckinForm } from './checkinForm';
import { checkinDonePage, checkinFormPage } from './checkinPage';
import { checkinRefusalPage, type CheckinRefusal } from './checkinRefusalPage';
import { checkinLanguage, type CheckinLanguage } from './checkinText';
import { CHECKIN_PATH, verifyCheckinToken } from './checkinToken';
import { recordCheckin } from './recordCheckin';
import { basePath } from '../http/basePath';

// One per process when the app gives none (tests, small embeddings): links die with the process.
const processSecret = randomBytes(32);

/** The secret check-in links are signed and checked with. */
export function checkinSecret(deps: Pick<LtiRouterDeps, 'checkin'>): Uint8Array {
  return deps.checkin?.secret ?? processSecret;
}

const REFUSAL_CODES: Readonly<Record<CheckinRefusal, ErrorCode>> = {
  invalid: 'EVENT_CHECKIN_LINK_INVALID',
  expired: 'EVENT_CHECKIN_LINK_EXPIRED',
  notYetOpen: 'EVENT_CHECKIN_NOT_OPEN',
  csrf: 'SESSION_CSRF_INVALID',
  rateLimited: 'EVENT_CHECKIN_RATE_LIMITED',
};

function sendHtml(res: Response, status: number, body: string): void {
  // The token is in the URL: never cache the page, never send it on as a referrer.
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .type('html')
    .send(body);
}

function refuse(res: Response, language: CheckinLanguage, refusal: CheckinRefusal): void {
  sendHtml(res, errorDefinition(REFUSAL_CODES[refusal]).httpStatus, checkinRefusalPage(language, refusal));
}

/**
 * The check-in form of an event: `GET /checkin/:token` shows it, `POST /checkin/:token` records
 * attendance (CSRF-checked, rate-limited per client address) and redirects to
 * `GET /checkin/:token/klar`. A forged or expired link gets a 4xx page and stores nothing.
 */
export function createCheckinRouter(
  deps: Pick<LtiRouterDeps, 'stores' | 'logger' | 'clock' | 'checkin'>,
): Router {
  const clock = deps.clock ?? systemClock;
  const secret = checkinSecret(deps);
  const postsPerWindow = deps.checkin?.postsPerWindow ?? 60;
  const windowMs = deps.checkin?.windowMs ?? 600_000;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  /** The event the link names, or null after answering with the refusal page. */
  async function eventOf(
    req: Request,
    res: Response,
    language: CheckinLanguage,
  ): Promise<ProgrammeEvent | null> {
    const check = await verifyCheckinToken(secret, req.params.token, clock.now());
    if (!check.ok) {
      refuse(res, language, check.problem);
      return null;
    }
    try {
      return await deps.stores.events.get(check.eventId);
    } catch (error) {
      if (!isAppError(error, 'STORE_RECORD_NOT_FOUND')) throw error;
      refuse(res, language, 'invalid');
      return null;
    }
  }

  const action = (req: Request, res: Response) =>
    `${basePath(res)}${CHECKIN_PATH}/${String(req.params.token)}`;

  router.get(
    `${CHECKIN_PATH}/:token`,
    cookieParser(),
    asyncHandler(async (req, res) => {
      const language = checkinLanguage(req.query.lang);
      const event = await eventOf(req, res, language);
      if (!event) return;
      const page = checkinFormPage({
        language,
        action: action(req, res),
        eventTitle: event.title,
        csrf: csrfToken(req, res),
        values: EMPTY_CHECKIN,
        problems: {},
      });
      sendHtml(res, 200, page);
    }),
  );

  router.post(
    `${CHECKIN_PATH}/:token`,
    form,
    cookieParser(),
    asyncHandler(async (req, res) => {
      const language = checkinLanguage((req.body as Record<string, unknown>).lang);
      const now = clock.now();
      const windowStart = new Date(now.getTime() - (now.getTime() % windowMs));
      const hits = await deps.stores.rateLimits.hit(`checkin:${req.ip ?? 'unknown'}`, windowStart);
      if (hits > postsPerWindow) {
        res.set('Retry-After', String(Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)));
        refuse(res, language, 'rateLimited');
        return;
      }
      const event = await eventOf(req, res, language);
      if (!event) return;
      if (!hasValidCsrfToken(req, res)) {
        refuse(res, language, 'csrf');
        return;
      }
      const read = readCheckinForm(req.body);
      if (!read.ok) {
        const page = checkinFormPage({
          language,
          action: action(req, res),
          eventTitle: event.title,
          csrf: csrfToken(req, res),
          values: read.values,
          problems: read.problems,
        });
        sendHtml(res, 400, page);
        return;
      }
      const outcome = await recordCheckin(deps.stores, event.id, read.submission, now, language);
      deps.logger.info(
        {
          eventId: event.id,
          personId: outcome.person.id,
          recorded: outcome.recorded,
          recognised: outcome.recognised,
          organisationCreated: outcome.organisationCreated,
        },
        'check-in',
      );
      const status = outcome.recorded ? 'ny' : 'redan';
      res
        .set('Cache-Control', 'no-store')
        .set('Referrer-Policy', 'no-referrer')
        .redirect(303, `${action(req, res)}/klar?status=${status}&lang=${language}`);
    }),
  );

  router.get(
    `${CHECKIN_PATH}/:token/klar`,
    asyncHandler(async (req, res) => {
      const language = checkinLanguage(req.query.lang);
      const event = await eventOf(req, res, language);
      if (!event) return;
      sendHtml(res, 200, checkinDonePage(language, event.title, req.query.status === 'redan'));
    }),
  );
  return router;
}
