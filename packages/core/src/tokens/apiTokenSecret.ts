import { createHash, randomBytes } from 'node:crypto';

/** Every API token secret starts with this, so a leaked one is easy to recognise (secret scanners). */
export const API_TOKEN_PREFIX = 'kmp_';

/** `kmp_` + 32 random bytes in base64url (43 characters). */
const SECRET_PATTERN = /^kmp_[A-Za-z0-9_-]{43}$/;

/** A new secret: shown once to whoever creates the token, then only its hash is kept. */
export function generateApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** True when `text` has the shape of a secret (checked before any database lookup). */
export function isApiTokenSecret(text: string): boolean {
  return SECRET_PATTERN.test(text);
}

/**
 * The stored form of a secret: hex SHA-256. A fast hash is enough because the secret has 256 bits
 * of randomness (no dictionary to guess from), and it makes the lookup an indexed equality.
 */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
