import type { Clock, Stores } from '@kompetenta/core';
import type { LtiLogger } from '../LtiRouterOptions';

/** What the session middleware needs: stores, a logger and (in tests) a clock. */
export interface WebSessionDeps {
  readonly stores: Stores;
  readonly logger: LtiLogger;
  readonly clock?: Clock;
}

/** Settings of browser sessions. */
export interface WebSessionOptions {
  /** The public base URL (PUBLIC_URL); cookies are `Secure` when it is https. */
  readonly publicUrl: string;
  /** A session ends after this long without a request (sliding expiry; default 8 hours). */
  readonly sessionIdleSeconds?: number;
  /** …and at the latest this long after sign-in, however active (default 30 days). */
  readonly sessionMaxSeconds?: number;
}

export interface ResolvedSessionOptions {
  readonly publicUrl: string;
  readonly secureCookies: boolean;
  readonly idleMs: number;
  readonly maxMs: number;
}

export function resolveSessionOptions(options: WebSessionOptions): ResolvedSessionOptions {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  return {
    publicUrl,
    secureCookies: new URL(publicUrl).protocol === 'https:',
    idleMs: (options.sessionIdleSeconds ?? 8 * 3600) * 1000,
    maxMs: (options.sessionMaxSeconds ?? 30 * 24 * 3600) * 1000,
  };
}
