import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config/AppConfig';

/** HS256 keys shorter than the hash are weak (RFC 7518 §3.2). */
const MIN_LENGTH = 32;

/**
 * The HS256 secret of check-in links. CHECKIN_SECRET when set (several instances must share one);
 * otherwise a random one made once into `DATA_DIR/secrets/checkin.key` (mode 0600) and kept
 * while the file exists: a new secret would void every printed QR code.
 */
export function resolveCheckinSecret(config: Pick<AppConfig, 'checkinSecret' | 'dataDir'>): Uint8Array {
  if (config.checkinSecret) return Buffer.from(config.checkinSecret, 'utf8');
  const directory = join(config.dataDir, 'secrets');
  const file = join(directory, 'checkin.key');
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < MIN_LENGTH) {
      throw new AppError(
        'APP_CONFIG_INVALID',
        `${file} does not hold a secret of at least ${MIN_LENGTH} characters; restore it or set CHECKIN_SECRET.`,
      );
    }
    return Buffer.from(stored, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the server, a CLI command) made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
    throw error;
  }
  return Buffer.from(secret, 'utf8');
}
