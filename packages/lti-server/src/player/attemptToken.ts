import { SignJWT } from 'jose';
import { verifyHs256Token } from '../keys/hs256Token';

/** What an attempt token says: this browser may play and commit this attempt (player contract). */
export interface AttemptTokenClaims {
  readonly attemptId: string;
  readonly organisationId: string;
  readonly personId: string;
}

/** Why a token was refused: the commit API answers 401 for both. */
export type AttemptTokenProblem = 'invalid' | 'expired';

export type AttemptTokenCheck =
  | { readonly ok: true; readonly claims: AttemptTokenClaims; readonly expiresAt: Date }
  | { readonly ok: false; readonly problem: AttemptTokenProblem };

/** Default lifetime: a working day, so a learner who leaves the tab open can still save. */
export const ATTEMPT_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
/**
 * A commit accepted with a token that runs out within this answers with a fresh one (`token` in
 * the JSON), which the player uses from then on: a page left open longer than a token lives keeps
 * saving. Only a valid, unexpired token of this attempt and person is ever renewed.
 */
export const ATTEMPT_TOKEN_RENEW_WITHIN_SECONDS = 6 * 60 * 60;
/** HS256 keys shorter than the hash are weak (RFC 7518 §3.2). */
export const ATTEMPT_TOKEN_SECRET_MIN_BYTES = 32;
const ISSUER = 'kompetenta';
const AUDIENCE = 'kompetenta-player';

function checkSecret(secret: Uint8Array): void {
  if (secret.byteLength < ATTEMPT_TOKEN_SECRET_MIN_BYTES)
    throw new RangeError(`The attempt token secret has ${secret.byteLength} bytes; at least 32 are needed.`);
}

/**
 * Signs an attempt token: HS256, `{ sub: attemptId, org, person, exp }`. It travels in the URL
 * (`?token=`) because `sendBeacon` on unload sends no headers and third-party cookies are
 * unreliable inside an LMS iframe.
 */
export async function signAttemptToken(
  secret: Uint8Array,
  claims: AttemptTokenClaims,
  now: Date,
  lifetimeSeconds = ATTEMPT_TOKEN_LIFETIME_SECONDS,
): Promise<string> {
  checkSecret(secret);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ org: claims.organisationId, person: claims.personId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.attemptId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(secret);
}

/** Verifies signature (HS256 only), issuer, audience and expiry against `now`; never throws. */
export async function verifyAttemptToken(
  secret: Uint8Array,
  token: unknown,
  now: Date,
): Promise<AttemptTokenCheck> {
  const check = await verifyHs256Token(
    secret,
    token,
    { issuer: ISSUER, audience: AUDIENCE, maxLength: 2048 },
    now,
  );
  // An attempt token never carries `nbf`: one that does is not ours.
  if (!check.ok) return { ok: false, problem: check.problem === 'expired' ? 'expired' : 'invalid' };
  const { sub, org, person, exp } = check.payload;
  if (typeof org !== 'string' || typeof person !== 'string') return { ok: false, problem: 'invalid' };
  return {
    ok: true,
    claims: { attemptId: sub, organisationId: org, personId: person },
    expiresAt: new Date(exp * 1000),
  };
}
