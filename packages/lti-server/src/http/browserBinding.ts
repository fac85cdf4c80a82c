import type { CookieOptions, Request, Response } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { storageKey } from '../login/loginState';
import { LTI_PATHS, type ResolvedLtiOptions } from '../LtiRouterOptions';

/**
 * One cookie per login, so two tabs launching at once do not overwrite each other's binding. The
 * name uses the random part of the state only: the hints after it can be long.
 */
function cookieName(state: string): string {
  return storageKey(state);
}

function cookieOptions(options: ResolvedLtiOptions): CookieOptions {
  // The launch is a cross-site POST from the platform: only SameSite=None cookies travel with it,
  // and those must be Secure. Partitioned (CHIPS) keeps the cookie usable inside the LMS's iframe
  // where browsers block unpartitioned third-party cookies. Over plain http (development) Lax is
  // the best a browser accepts.
  return {
    httpOnly: true,
    path: `${options.basePath}${LTI_PATHS.launch}`,
    maxAge: options.loginStateTtlSeconds * 1000,
    ...(options.secureCookies
      ? { secure: true, sameSite: 'none' as const, partitioned: true }
      : { sameSite: 'lax' as const }),
  };
}

export function hashBinding(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A login's browser binding: the secret the browser keeps, and the hash the database keeps. */
export interface BrowserBinding {
  readonly secret: string;
  readonly hash: string;
}

/**
 * Binds a login to this browser: a random secret in an HttpOnly cookie (and, when the platform
 * offers storage, in the platform's storage too), of which only the hash is stored with the state.
 * A state that reaches another browser (a forwarded link, a login CSRF) is then worthless.
 */
export function bindBrowser(res: Response, state: string, options: ResolvedLtiOptions): BrowserBinding {
  const secret = randomBytes(32).toString('base64url');
  res.cookie(cookieName(state), secret, cookieOptions(options));
  return { secret, hash: hashBinding(secret) };
}

/** The binding secret this request's cookie carries for `state`, or null; the cookie is cleared either way. */
export function takeBindingCookie(
  req: Request,
  res: Response,
  state: string,
  options: ResolvedLtiOptions,
): string | null {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const secret = cookies?.[cookieName(state)];
  res.clearCookie(cookieName(state), { ...cookieOptions(options), maxAge: undefined });
  return typeof secret === 'string' && secret !== '' ? secret : null;
}

/** True when `secret` is the one whose hash was stored with the login (constant-time compare). */
export function matchesBinding(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashBinding(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
