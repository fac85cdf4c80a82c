import { AppError } from '@kompetenta/core';
import type { AttemptTokenClaims } from './attemptToken';
import { verifyAttemptToken } from './attemptToken';

/**
 * Checks an attempt token against the attempt in the path: signature and expiry (401), then that it
 * names this attempt (403). The organisation is checked by the caller, who looks the attempt up
 * only inside the token's organisation (another tenant's attempt is then simply not found: 404).
 */
export async function authoriseAttempt(
  secret: Uint8Array,
  token: unknown,
  attemptId: string,
  now: Date,
): Promise<AttemptTokenClaims & { readonly expiresAt: Date }> {
  const check = await verifyAttemptToken(secret, token, now);
  if (!check.ok)
    throw new AppError(check.problem === 'expired' ? 'ATTEMPT_TOKEN_EXPIRED' : 'ATTEMPT_TOKEN_INVALID');
  if (check.claims.attemptId !== attemptId)
    throw new AppError('ATTEMPT_TOKEN_MISMATCH', undefined, { attemptId });
  return { ...check.claims, expiresAt: check.expiresAt };
}
