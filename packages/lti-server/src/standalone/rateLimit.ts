import { AppError, type Stores } from '@kompetenta/core';
import { createHash } from 'node:crypto';

/**
 * Fixed-window counting in the database (`rate_limit_hits`), not in memory: every app instance
 * sees the same counts, so running three instances does not triple the limit, and a restart does
 * not reset it. One upsert per hit; old windows are purged with expired sessions.
 */
export async function countHit(
  stores: Stores,
  bucket: string,
  now: Date,
  windowMs: number,
): Promise<{ hits: number; retryAfterSeconds: number }> {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const hits = await stores.rateLimits.hit(bucket, new Date(start));
  return { hits, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)) };
}

/** Throws SIGNIN_RATE_LIMITED (429, with Retry-After) when the client address is over its limit. */
export async function limitByClient(
  stores: Stores,
  ip: string,
  now: Date,
  windowMs: number,
  limit: number,
): Promise<void> {
  const { hits, retryAfterSeconds } = await countHit(stores, `signin:ip:${ip}`, now, windowMs);
  if (hits > limit) throw new AppError('SIGNIN_RATE_LIMITED', undefined, { retryAfterSeconds });
}

/** True while the address is under its limit. The bucket names a hash: no address is stored. */
export async function addressUnderLimit(
  stores: Stores,
  email: string,
  now: Date,
  windowMs: number,
  limit: number,
): Promise<boolean> {
  const key = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return (await countHit(stores, `signin:address:${key}`, now, windowMs)).hits <= limit;
}
