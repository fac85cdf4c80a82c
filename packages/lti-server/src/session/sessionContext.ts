import type { WebAccess } from '@kompetenta/core';
import type { Response } from 'express';

/** Who is signed in, as pages see it (`res.locals.principal`). */
export interface Principal {
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string | null;
  readonly access: WebAccess;
}

/** What `loadSession` learnt about the request, kept off `res.locals` so no page renders the secret. */
export interface SessionContext {
  /** The raw session id from the cookie, when the session is valid (the CSRF key). */
  readonly sessionToken: string | null;
  readonly secureCookies: boolean;
}

const contexts = new WeakMap<Response, SessionContext>();

export function setSessionContext(res: Response, context: SessionContext): void {
  contexts.set(res, context);
}

/** The context `loadSession` set; without it (a route mounted before it) nobody is signed in. */
export function sessionContextOf(res: Response): SessionContext {
  return contexts.get(res) ?? { sessionToken: null, secureCookies: false };
}

/** The signed-in person, or null. */
export function principalOf(res: Response): Principal | null {
  const principal = (res.locals as { principal?: Principal }).principal;
  return principal ?? null;
}

/** The signed-in person; only after `requireAccess`, which guarantees one. */
export function requirePrincipal(res: Response): Principal {
  const principal = principalOf(res);
  if (!principal) throw new Error('requirePrincipal used on a route without requireAccess');
  return principal;
}
