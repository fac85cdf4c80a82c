import { createHash, randomBytes } from 'node:crypto';

/** A new random token (32 bytes, base64url, 43 characters) for a session id or a sign-in link. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `text` has the shape of an opaque token (checked before any database lookup). */
export function isOpaqueToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

/**
 * The stored form: hex SHA-256. A fast hash is enough for 256 random bits (nothing to guess from),
 * and it keeps the lookup an indexed equality.
 */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
