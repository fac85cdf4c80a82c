import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config/AppConfig';
import { secretFromFile } from './secretFile';

/**
 * The key that encrypts private keys at rest. Production must configure LTI_ENCRYPTION_KEY
 * (loadConfig enforces it). For `npm start` on a fresh machine a random key is made once and kept
 * beside the embedded database in `DATA_DIR/secrets/lti-encryption.key`: losing it
 * would make the stored keys unreadable, so it is never regenerated while the file exists.
 */
export function resolveLtiEncryptionKey(config: Pick<AppConfig, 'ltiEncryptionKey' | 'dataDir'>): Buffer {
  if (config.ltiEncryptionKey) return config.ltiEncryptionKey;
  return secretFromFile(config.dataDir, 'lti-encryption.key', {
    make: () => randomBytes(32).toString('base64'),
    parse(stored, file) {
      const key = Buffer.from(stored, 'base64');
      if (key.length !== 32) {
        throw new AppError(
          'APP_CONFIG_INVALID',
          `${file} does not hold a 32-byte base64 key; restore it or set LTI_ENCRYPTION_KEY.`,
        );
      }
      return key;
    },
  });
}
