import { AppError } from '@kompetenta/core';
import type { Request, RequestHandler, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { html, type Html } from '../pages/layout';
import { sessionContextOf } from '../session/sessionContext';
import { cookiePath } from './basePath';

/** The cookie that keys CSRF tokens before anyone is signed in (sign-in forms). */
export const CSRF_COOKIE = 'kompetenta_csrf';
/** The hidden form field, or the header for scripts, that carries the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function cookieOf(req: Request): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/**
 * The secret a token is derived from: the session id when someone is signed in (so a token is
 * bound to the session and dies with it), else a random HttpOnly cookie. A page on another site
 * can read neither, so it cannot compute a token; an attacker who plants a cookie still does not
 * know the session id.
 */
function csrfKey(req: Request, res: Response, create: boolean): string | null {
  const context = sessionContextOf(res);
  if (context.sessionToken !== null) return context.sessionToken;
  const existing = cookieOf(req) ?? (res.locals as { csrfCookie?: string }).csrfCookie ?? null;
  if (existing !== null || !create) return existing;
  const fresh = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, fresh, {
    httpOnly: true,
    sameSite: 'lax',
    secure: context.secureCookies,
    path: cookiePath(res),
  });
  (res.locals as { csrfCookie?: string }).csrfCookie = fresh;
  return fresh;
}

function tokenFor(key: string): string {
  return createHmac('sha256', key).update('kompetenta-csrf-v1').digest('base64url');
}

/** The token to put in a form of this response (sets the CSRF cookie when there is no session). */
export function csrfToken(req: Request, res: Response): string {
  return tokenFor(csrfKey(req, res, true)!);
}

/** The hidden input that carries the token in a form. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

/** True when the request carries the token of this browser's session or CSRF cookie. */
export function hasValidCsrfToken(req: Request, res: Response): boolean {
  const key = csrfKey(req, res, false);
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?.[CSRF_FIELD] ?? req.get(CSRF_HEADER);
  if (key === null || typeof sent !== 'string') return false;
  const expected = Buffer.from(tokenFor(key));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Middleware for state-changing form posts: rejects with SESSION_CSRF_INVALID (403) unless the
 * token matches. Mount after `loadSession` and a body parser.
 */
export function requireCsrf(): RequestHandler {
  return (req, res, next) => {
    if (hasValidCsrfToken(req, res)) next();
    else next(new AppError('SESSION_CSRF_INVALID'));
  };
}
