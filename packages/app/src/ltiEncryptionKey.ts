import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config/AppConfig';

/**
 * The key that encrypts private keys at rest. Production must configure LTI_ENCRYPTION_KEY
 * (loadConfig enforces it). For `npm start` on a fresh machine a random key is made once and kept
 * beside the embedded database in `DATA_DIR/secrets/lti-encryption.key` (mode 0600): losing it
 * would make the stored keys unreadable, so it is never regenerated while the file exists.
 */
export function resolveLtiEncryptionKey(config: Pick<AppConfig, 'ltiEncryptionKey' | 'dataDir'>): Buffer {
  if (config.ltiEncryptionKey) return config.ltiEncryptionKey;
  const directory = join(config.dataDir, 'secrets');
  const file = join(directory, 'lti-encryption.key');
  try {
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (stored.length !== 32) {
      throw new AppError(
        'APP_CONFIG_INVALID',
        `${file} does not hold a 32-byte base64 key; restore it or set LTI_ENCRYPTION_KEY.`,
      );
    }
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
