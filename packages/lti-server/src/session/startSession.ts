import {
  generateOpaqueToken,
  hashOpaqueToken,
  systemClock,
  type Stores,
  type WebAccess,
} from '@kompetenta/core';
import type { Response } from 'express';
import { cookiePath } from '../http/basePath';
import { SESSION_COOKIE, sessionCookieOptions } from './sessionCookie';
import { setSessionContext } from './sessionContext';
import type { ResolvedSessionOptions, WebSessionDeps } from './WebSessionOptions';

/**
 * Starts a session for the person and sets its cookie: a fresh random id (a session id from
 * before sign-in is never reused, so a planted cookie cannot be upgraded), of which only the hash
 * is stored. `stores` may be a transaction (the sign-in link is consumed in the same one).
 */
export async function startSession(
  deps: WebSessionDeps,
  stores: Stores,
  res: Response,
  options: ResolvedSessionOptions,
  who: { personId: string; organisationId: string; access: WebAccess },
): Promise<void> {
  const now = (deps.clock ?? systemClock).now();
  const token = generateOpaqueToken();
  await stores.webSessions.create({
    idHash: hashOpaqueToken(token),
    ...who,
    createdAt: now,
    expiresAt: new Date(now.getTime() + Math.min(options.idleMs, options.maxMs)),
  });
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(options.secureCookies, cookiePath(res)));
  setSessionContext(res, { sessionToken: token, secureCookies: options.secureCookies });
}
