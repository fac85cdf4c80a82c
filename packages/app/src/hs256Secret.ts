import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import type { SecretCodec } from './secretFile';

/** HS256 keys shorter than the hash are weak (RFC 7518 §3.2). */
const MIN_LENGTH = 32;

/** A random HS256 secret kept as base64 text; `setting` names the variable that can replace it. */
export function hs256SecretCodec(setting: string): SecretCodec<Uint8Array> {
  return {
    make: () => randomBytes(32).toString('base64'),
    parse(stored, file) {
      if (stored.length < MIN_LENGTH) {
        throw new AppError(
          'APP_CONFIG_INVALID',
          `${file} does not hold a secret of at least ${MIN_LENGTH} characters; restore it or set ${setting}.`,
        );
      }
      return Buffer.from(stored, 'utf8');
    },
  };
}
