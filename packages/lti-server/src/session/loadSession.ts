import { hashOpaqueToken, isOpaqueToken, systemClock } from '@kompetenta/core';
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { cookiePath, useBasePath } from '../http/basePath';
import { SESSION_COOKIE, sessionCookieOptions } from './sessionCookie';
import { setSessionContext, type Principal } from './sessionContext';
import { resolveSessionOptions, type WebSessionDeps, type WebSessionOptions } from './WebSessionOptions';

/** Last-seen writes at most this often per session: a page with many requests is one write. */
const TOUCH_INTERVAL_MS = 60_000;

function cookieValue(req: Request): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && isOpaqueToken(value) ? value : null;
}

/**
 * Reads the `kompetenta_session` cookie and, when it names an active session, sets
 * `res.locals.principal` and slides the expiry. An unknown or expired cookie is cleared; the
 * request goes on without a principal (`requireAccess` decides what that means).
 */
export function loadSession(deps: WebSessionDeps, options: WebSessionOptions): RequestHandler {
  const resolved = resolveSessionOptions(options);
  const clock = deps.clock ?? systemClock;
  const parseCookies = cookieParser();
  const exposeBasePath = useBasePath(resolved.publicUrl);
  const load = asyncHandler(async (req, res, next) => {
    setSessionContext(res, { sessionToken: null, secureCookies: resolved.secureCookies });
    const token = cookieValue(req);
    const raw = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (token === null) {
      if (raw !== undefined)
        res.clearCookie(SESSION_COOKIE, sessionCookieOptions(resolved.secureCookies, cookiePath(res)));
      next();
      return;
    }
    const now = clock.now();
    const idHash = hashOpaqueToken(token);
    const session = await deps.stores.webSessions.findActive(idHash, now);
    if (!session) {
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(resolved.secureCookies, cookiePath(res)));
      next();
      return;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      const latest = session.createdAt.getTime() + resolved.maxMs;
      const expiresAt = new Date(Math.min(now.getTime() + resolved.idleMs, latest));
      await deps.stores.webSessions.touch(idHash, now, expiresAt);
    }
    const principal: Principal = {
      personId: session.personId,
      organisationId: session.organisationId,
      name: session.personName,
      access: session.access,
    };
    res.locals.principal = principal;
    setSessionContext(res, { sessionToken: token, secureCookies: resolved.secureCookies });
    next();
  });
  return (req, res, next) =>
    exposeBasePath(req, res, () => {
      if (req.cookies === undefined) parseCookies(req, res, () => load(req, res, next));
      else load(req, res, next);
    });
}
