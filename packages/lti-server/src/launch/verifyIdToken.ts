import { AppError, type Platform } from '@kompetenta/core';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { describeClaimValue } from './describeClaimValue';
import type { PlatformKeySets } from './PlatformKeySets';

/** How an id_token is checked: for which client, with how much skew, at what time. */
export interface IdTokenCheck {
  readonly clientId: string;
  readonly clockSkewSeconds: number;
  readonly maxTokenAgeSeconds: number;
  readonly now: Date;
}

function rejection(error: unknown, platform: Platform): AppError {
  const place = { issuer: platform.issuer, jwksUrl: platform.jwksUrl };
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired)
    return new AppError('LTI_TOKEN_EXPIRED', undefined, { ...place, reason }, { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey)
    return new AppError('LTI_TOKEN_KEY_UNKNOWN', undefined, { ...place, reason }, { cause: error });
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    (error instanceof Error && !(error instanceof errors.JOSEError))
  ) {
    return new AppError(
      'LTI_PLATFORM_KEYS_UNREACHABLE',
      `The public keys of ${platform.issuer} could not be fetched from ${platform.jwksUrl}.`,
      { ...place, reason },
      { cause: error },
    );
  }
  const claim = error instanceof errors.JWTClaimValidationFailed ? error.claim : undefined;
  return new AppError(
    'LTI_TOKEN_INVALID',
    `The launch token is not valid: ${reason}`,
    { ...place, reason, ...(claim ? { claim } : {}) },
    { cause: error },
  );
}

/**
 * Verifies an id_token per the LTI Security Framework §5.1.3: an RS256 signature by a key in the
 * platform's JWKS, `iss` = the registered issuer, `aud` containing our client id (and `azp` equal to
 * it when there are several audiences or an `azp` at all), `exp` and `iat` within the skew, and
 * `sub` and `nonce` present. The nonce itself is compared by the caller with the issued one.
 */
export async function verifyIdToken(
  token: string,
  platform: Platform,
  keySets: PlatformKeySets,
  check: IdTokenCheck,
): Promise<JWTPayload> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (error) {
    throw new AppError(
      'LTI_TOKEN_INVALID',
      'The launch token is not a JWT.',
      { reason: String(error) },
      { cause: error },
    );
  }
  // Checked before any key lookup: `none` and HMAC algorithms are never acceptable from a platform.
  if (alg !== 'RS256')
    throw new AppError(
      'LTI_TOKEN_INVALID',
      `The launch token must be signed with RS256, not ${describeClaimValue(alg)}.`,
      { claim: 'alg', alg: describeClaimValue(alg) },
    );
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySets.forUrl(platform.jwksUrl), {
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: check.clientId,
      clockTolerance: check.clockSkewSeconds,
      maxTokenAge: check.maxTokenAgeSeconds,
      requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
      currentDate: check.now,
    }));
  } catch (error) {
    throw rejection(error, platform);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const azp: unknown = payload.azp;
  if ((audiences.length > 1 || azp !== undefined) && azp !== check.clientId) {
    throw new AppError(
      'LTI_TOKEN_INVALID',
      `The launch token's azp must be this tool's client id ${check.clientId}.`,
      { claim: 'azp' },
    );
  }
  return payload;
}
