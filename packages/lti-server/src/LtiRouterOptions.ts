import { AppError, type Clock, type LtiStores, type Platform, type Stores } from '@kompetenta/core';
import type { RosterMember } from './ltijs/LtijsPlatformServices';
import type { JWK } from 'jose';
import { basePathOf } from './http/basePath';

import type { CourseContentSource } from './content/CourseContentSource';
import type { CheckinSettings } from './checkin/CheckinSettings';

/** The log calls lti-server makes; pino's Logger fits. */
export interface LtiLogger {
  /** An event worth keeping (a login, a registration, a profile change), with structured `details`. */
  info(details: object, message: string): void;
  /** A problem the router worked around, e.g. a roster that could not be fetched. */
  warn(details: object, message: string): void;
  /** An unexpected failure, answered with a 5xx status; `details.err` holds the error. */
  error(details: object, message: string): void;
}

/** What the LTI router needs from the composition root: ready stores, a logger, a clock. */
export interface LtiRouterDeps {
  /** Tenants (platforms, deployments), people, courses and attempts. */
  readonly stores: Stores;
  /** Login states and the tool's key pair (from `createLtiStores` in @kompetenta/storage). */
  readonly lti: LtiStores;
  readonly logger: LtiLogger;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /**
   * The built courses the player's iframe loads from `/content/<slug>/<version>/<1.2|2004>/<path>`
   * (the app reads them from the SCORM zips). Without it there is no `/content` route.
   */
  readonly content?: CourseContentSource;
  /** The check-in form (`/checkin/<token>`): its link secret and rate limit. */
  readonly checkin?: CheckinSettings;
  /**
   * HS256 secret (at least 32 bytes) of the attempt tokens the player and the commit API carry.
   * The app keeps one in `DATA_DIR/secrets/` or takes ATTEMPT_TOKEN_SECRET; without it a random
   * secret lives as long as the process (tokens end with a restart: fine for tests only).
   */
  readonly attemptTokenSecret?: Uint8Array;
  /**
   * LTI Advantage services (an `LtijsPlatformServices`): the staff course overview fetches the
   * Names and Roles roster with it. Without it the overview shows only who has launched.
   */
  readonly platformServices?: {
    /**
     * The members at the NRPS `membershipsUrl` of a context. A rejection is logged as a warning
     * and the overview falls back to who has launched.
     */
    roster(platform: Platform, membershipsUrl: string): Promise<RosterMember[]>;
    /** The key ltijs signs this platform's client assertions with (published at /lti/keys), or null. */
    registeredPublicJwk?(platform: Platform): Promise<JWK | null>;
  };
}

/** Settings of the LTI endpoints. */
export interface LtiRouterOptions {
  /**
   * The base URL platforms and browsers use (PUBLIC_URL), without a trailing slash. Its path is
   * where the router is mounted (`https://portal.example/learning`: `host.use('/learning', …)`).
   */
  readonly publicUrl: string;
  /** Allowed clock difference with the platform for `exp`/`iat` (default 60 s). */
  readonly clockSkewSeconds?: number;
  /** How long a login may take from `/lti/login` to `/lti/launch` (default 600 s). */
  readonly loginStateTtlSeconds?: number;
  /**
   * Least time between two fetches of one platform's JWKS when a token names an unknown `kid`
   * (default 30 s): a flood of bogus kids must not become a flood of requests to the platform.
   */
  readonly jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again (default 10 min). */
  readonly jwksCacheMaxAgeMs?: number;
  /** How long a teacher may take to pick courses in the Deep Linking picker (default 30 min). */
  readonly deepLinkSessionTtlSeconds?: number;
  /**
   * Approve platforms that register themselves by Dynamic Registration at once (default false:
   * they arrive pending until `kompetenta platform approve`). For development only.
   */
  readonly autoApprove?: boolean;
  /** Time limit of each request to a platform during Dynamic Registration (default 10 s). */
  readonly registrationTimeoutMs?: number;
}

/** The numeric options and the least value each may take. */
const NUMBER_OPTIONS = {
  clockSkewSeconds: 0,
  loginStateTtlSeconds: 1,
  jwksCooldownMs: 0,
  jwksCacheMaxAgeMs: 0,
  deepLinkSessionTtlSeconds: 1,
  registrationTimeoutMs: 1,
} as const satisfies Partial<Record<keyof LtiRouterOptions, number>>;

/**
 * Refuses options a host could pass by mistake (from JavaScript, or from its own configuration)
 * with one LTI_ROUTER_OPTIONS_INVALID naming every bad option, at mount time rather than at the
 * first launch: `publicUrl` an absolute http(s) URL without query or fragment (every link and
 * cookie path is built from it), numbers finite and not below their least value.
 */
function checkLtiOptions(options: LtiRouterOptions): void {
  const problems: string[] = [];
  const publicUrl: unknown = options.publicUrl;
  const url = typeof publicUrl === 'string' && URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
  if (
    url === undefined ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    problems.push(
      `publicUrl must be an absolute http(s) URL without query or fragment (got ${JSON.stringify(publicUrl)})`,
    );
  }
  for (const [name, least] of Object.entries(NUMBER_OPTIONS)) {
    const value: unknown = options[name as keyof typeof NUMBER_OPTIONS];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < least)) {
      problems.push(`${name} must be a number of at least ${least} (got ${JSON.stringify(value)})`);
    }
  }
  const autoApprove: unknown = options.autoApprove;
  if (autoApprove !== undefined && typeof autoApprove !== 'boolean') {
    problems.push(`autoApprove must be true or false (got ${JSON.stringify(autoApprove)})`);
  }
  if (problems.length > 0) {
    throw new AppError('LTI_ROUTER_OPTIONS_INVALID', `createLtiRouter options: ${problems.join('; ')}.`, {
      problems,
    });
  }
}

/** Options with every default filled in. */
export interface ResolvedLtiOptions {
  readonly publicUrl: string;
  /** The path of `publicUrl` (`''` at the root of a host): the prefix of every same-origin URL and cookie path. */
  readonly basePath: string;
  readonly secureCookies: boolean;
  readonly clockSkewSeconds: number;
  readonly loginStateTtlSeconds: number;
  readonly jwksCooldownMs: number;
  readonly jwksCacheMaxAgeMs: number;
  readonly deepLinkSessionTtlSeconds: number;
  readonly autoApprove: boolean;
  readonly registrationTimeoutMs: number;
}

export function resolveLtiOptions(options: LtiRouterOptions): ResolvedLtiOptions {
  checkLtiOptions(options);
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  return {
    publicUrl,
    basePath: basePathOf(publicUrl),
    // SameSite=None cookies must be Secure, and browsers only keep Secure cookies over https.
    secureCookies: new URL(publicUrl).protocol === 'https:',
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
    loginStateTtlSeconds: options.loginStateTtlSeconds ?? 600,
    jwksCooldownMs: options.jwksCooldownMs ?? 30_000,
    jwksCacheMaxAgeMs: options.jwksCacheMaxAgeMs ?? 600_000,
    deepLinkSessionTtlSeconds: options.deepLinkSessionTtlSeconds ?? 1800,
    autoApprove: options.autoApprove ?? false,
    registrationTimeoutMs: options.registrationTimeoutMs ?? 10_000,
  };
}

/** The paths of the LTI endpoints (DESIGN.md §5: a contract, keep them). */
export const LTI_PATHS = {
  login: '/lti/login',
  launch: '/lti/launch',
  keys: '/lti/keys',
  /** Where the Deep Linking picker form posts (not a platform-facing contract). */
  deepLinking: '/lti/deep-linking',
  register: '/lti/register',
  canvasConfig: '/lti/canvas.json',
  /** The platform storage script of the login and launch pages (LTI Client Side postMessages). */
  storageScript: '/lti/assets/lti-storage.js',
  /** Submits the Deep Linking response form without a click (CSP allows no inline script). */
  autoSubmitScript: '/lti/assets/auto-submit.js',
  /** Tells the platform's window that Dynamic Registration is done (CSP allows no inline script). */
  registrationCloseScript: '/lti/assets/registration-close.js',
} as const;
