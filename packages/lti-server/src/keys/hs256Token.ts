import { errors, jwtVerify, type JWTPayload } from 'jose';
import { webcrypto } from 'node:crypto';
import { boundedMapPerOwner } from '../support/boundedMap';

/** What a verified token says; `sub` and `exp` are always there. */
export type Hs256Payload = JWTPayload & { readonly sub: string; readonly exp: number };

/** Why a token was refused. `notYetOpen`: genuine, but its `nbf` is still ahead. */
export type Hs256TokenProblem = 'invalid' | 'expired' | 'notYetOpen';

export type Hs256TokenCheck =
  | { readonly ok: true; readonly payload: Hs256Payload }
  | { readonly ok: false; readonly problem: Hs256TokenProblem };

export interface Hs256TokenExpectation {
  readonly issuer: string;
  readonly audience: string;
  /** Longer strings are refused before any work (tokens travel in URLs). */
  readonly maxLength: number;
}

// Importing the raw secret as a WebCrypto key costs as much as the HMAC itself; jose would do it
// on every call. One import per secret (held as long as the secret is), since every commit and
// check-in verifies a token.
const importedKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();

function verificationKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = importedKeys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    importedKeys.set(secret, key);
  }
  return key;
}

/** Tokens verified per secret, at most this many (the oldest dropped first). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

// A page sends every commit with the same attempt token for hours: the HMAC, header and claim
// checks of a token string already verified with this secret and expectation always come out the
// same, only the time checks do not. So the payload of a token that verified is kept (keyed by the
// whole token string, so any other string, however similar, is verified in full) and a repeat is
// answered after checking `exp` and `nbf` against `now` again, exactly as jose does.
const verifiedCache = boundedMapPerOwner<Uint8Array, string, Hs256Payload>(VERIFIED_TOKEN_CACHE_SIZE);

/** The time checks of a token verified before: jose's, with no clock tolerance. */
function checkTimes(payload: Hs256Payload, now: Date): Hs256TokenCheck {
  const at = Math.floor(now.getTime() / 1000);
  if (payload.exp <= at) return { ok: false, problem: 'expired' };
  if (typeof payload.nbf === 'number' && payload.nbf > at) return { ok: false, problem: 'notYetOpen' };
  return { ok: true, payload };
}

/**
 * Verifies an HS256 token of ours (attempt tokens, check-in links): signature (HS256 only), issuer,
 * audience, expiry and not-before against `now` with no clock tolerance, and that `sub` and `exp`
 * are there. Never throws: a refusal says why. A token string that verified before with the same
 * secret and expectation is not verified again: only its expiry and not-before are checked.
 */
export async function verifyHs256Token(
  secret: Uint8Array,
  token: unknown,
  expected: Hs256TokenExpectation,
  now: Date,
): Promise<Hs256TokenCheck> {
  if (typeof token !== 'string' || token === '' || token.length > expected.maxLength)
    return { ok: false, problem: 'invalid' };
  const cache = verifiedCache(secret);
  const key = `${expected.issuer}\n${expected.audience}\n${token}`;
  const verified = cache.get(key);
  if (verified) return checkTimes(verified, now);
  try {
    const { payload } = await jwtVerify(token, await verificationKey(secret), {
      algorithms: ['HS256'],
      issuer: expected.issuer,
      audience: expected.audience,
      currentDate: now,
      clockTolerance: 0,
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || !payload.exp)
      return { ok: false, problem: 'invalid' };
    cache.set(key, Object.freeze(payload) as Hs256Payload);
    return { ok: true, payload: payload as Hs256Payload };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, problem: 'expired' };
    // jose checks `nbf` only after the signature, so only a genuine token that opens later lands here.
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
      return { ok: false, problem: 'notYetOpen' };
    return { ok: false, problem: 'invalid' };
  }
}
