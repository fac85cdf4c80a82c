import type { WebSessionDeps, WebSessionOptions } from '../session/WebSessionOptions';

/** What the standalone pages need: the session deps plus the attempt-token secret of the player. */
export interface StandaloneDeps extends WebSessionDeps {
  /** Signs attempt tokens for `/play/:attemptId?token=` (the same secret as the LTI launch). */
  readonly attemptTokenSecret?: Uint8Array;
  /** Signs the check-in links of event invitations; without it `/org/events` is not served. */
  readonly checkinSecret?: Uint8Array;
}

/** Settings of sign-in links and the sign-in form's rate limits. */
export interface StandaloneOptions extends WebSessionOptions {
  /** How long an invitation's sign-in link works (default 7 days). */
  readonly invitationLinkTtlSeconds?: number;
  /** How long a link asked for on the sign-in page works (default 30 minutes). */
  readonly requestedLinkTtlSeconds?: number;
  /** Sign-in requests per client address per window before 429 (default 20). */
  readonly signInRequestsPerIp?: number;
  /** Sign-in mails per e-mail address per window; more get the same answer but no mail (default 3). */
  readonly signInRequestsPerAddress?: number;
  /** The rate-limit window (default 15 minutes). */
  readonly signInWindowSeconds?: number;
}

export interface ResolvedStandaloneOptions {
  readonly publicUrl: string;
  readonly invitationLinkTtlMs: number;
  readonly requestedLinkTtlMs: number;
  readonly perIp: number;
  readonly perAddress: number;
  readonly windowMs: number;
}

export function resolveStandaloneOptions(options: StandaloneOptions): ResolvedStandaloneOptions {
  return {
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    invitationLinkTtlMs: (options.invitationLinkTtlSeconds ?? 7 * 24 * 3600) * 1000,
    requestedLinkTtlMs: (options.requestedLinkTtlSeconds ?? 30 * 60) * 1000,
    perIp: options.signInRequestsPerIp ?? 20,
    perAddress: options.signInRequestsPerAddress ?? 3,
    windowMs: (options.signInWindowSeconds ?? 15 * 60) * 1000,
  };
}
