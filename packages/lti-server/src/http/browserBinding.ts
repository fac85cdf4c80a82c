import type { CookieOptions, Request, Response } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LTI_PATHS, type ResolvedLtiOptions } from '../LtiRouterOptions';

/** One cookie per login, so two tabs launching at once do not overwrite each other's binding. */
function cookieName(state: string): string {
  return `kompetenta_lti_${state}`;
}

function cookieOptions(options: ResolvedLtiOptions): CookieOptions {
  // The launch is a cross-site POST from the platform: only SameSite=None cookies travel with it,
  // and those must be Secure. Over plain http (development) Lax is the best a browser accepts.
  return {
    httpOnly: true,
    path: LTI_PATHS.launch,
    maxAge: options.loginStateTtlSeconds * 1000,
    ...(options.secureCookies ? { secure: true, sameSite: 'none' as const } : { sameSite: 'lax' as const }),
  };
}

export function hashBinding(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Binds a login to this browser: a random secret in an HttpOnly cookie, of which only the hash is
 * stored with the state. A state that reaches another browser (a forwarded link, a login CSRF)
 * is then worthless. Returns the hash to store.
 */
export function bindBrowser(res: Response, state: string, options: ResolvedLtiOptions): string {
  const secret = randomBytes(32).toString('base64url');
  res.cookie(cookieName(state), secret, cookieOptions(options));
  return hashBinding(secret);
}

/** True when this request carries the cookie set for `state` at login; the cookie is cleared either way. */
export function isSameBrowser(
  req: Request,
  res: Response,
  state: string,
  expectedHash: string,
  options: ResolvedLtiOptions,
): boolean {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const secret = cookies?.[cookieName(state)];
  res.clearCookie(cookieName(state), { ...cookieOptions(options), maxAge: undefined });
  if (typeof secret !== 'string') return false;
  const actual = Buffer.from(hashBinding(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
