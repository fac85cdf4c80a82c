import { AppError } from '@kompetenta/core';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM encryption of secrets at rest (platform and tool private keys, access tokens).
 * GCM authenticates as well as hides: a sealed value that was tampered with, or opened with
 * another key, fails instead of decrypting to garbage. Format: `v1.<iv>.<tag>.<ciphertext>`,
 * each part base64url, so a later key or algorithm change can be told apart by the prefix.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `key` must be exactly 32 bytes (e.g. `openssl rand -base64 32`, decoded). */
  constructor(key: Uint8Array) {
    if (key.length !== 32) {
      throw new AppError(
        'LTI_ENCRYPTION_KEY_INVALID',
        `The LTI encryption key must be 32 bytes, not ${key.length}.`,
      );
    }
    this.key = Buffer.from(key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new AppError('LTI_ENCRYPTION_KEY_INVALID', 'A sealed LTI secret has an unknown format.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new AppError(
        'LTI_ENCRYPTION_KEY_INVALID',
        'A sealed LTI secret cannot be opened with this key (wrong key or tampered data).',
        {},
        { cause: error },
      );
    }
  }
}
