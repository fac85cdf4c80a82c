import type { CookieOptions } from 'express';

/** The one cookie of a browser session: first-party, never readable by scripts. */
export const SESSION_COOKIE = 'kompetenta_session';

/**
 * Lax, not Strict: a person who follows a link from a mail or another site to a page arrives
 * signed in; cross-site POSTs (the CSRF risk) still come without the cookie.
 */
/** `path`: Kompetenta's own part of the host (`cookiePath(res)`), so a host app's pages never get it. */
export function sessionCookieOptions(secure: boolean, path: string, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}
