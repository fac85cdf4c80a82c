import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config/AppConfig';

/** Shortest key accepted: 32 characters, as REPORT_PSEUDONYM_KEY requires. */
const MIN_LENGTH = 32;

/**
 * The key of the pseudonymous participant ids. Production must set REPORT_PSEUDONYM_KEY (the
 * participants export refuses without it). Elsewhere a random key is made once and kept in
 * `DATA_DIR/secrets/report-pseudonym.key` (mode 0600) and never regenerated while the file
 * exists: a new key would give everyone new ids, and exports could no longer be matched up.
 */
export function resolveReportPseudonymKey(
  config: Pick<AppConfig, 'reportPseudonymKey' | 'dataDir' | 'environment'>,
): string {
  if (config.reportPseudonymKey) return config.reportPseudonymKey;
  if (config.environment === 'production') {
    throw new AppError(
      'REPORT_PSEUDONYM_KEY_MISSING',
      'The participants export needs REPORT_PSEUDONYM_KEY (at least 32 characters; openssl rand -base64 32) when NODE_ENV=production.',
    );
  }
  const directory = join(config.dataDir, 'secrets');
  const file = join(directory, 'report-pseudonym.key');
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < MIN_LENGTH) {
      throw new AppError(
        'REPORT_PSEUDONYM_KEY_MISSING',
        `${file} does not hold a key of at least ${MIN_LENGTH} characters; restore it or set REPORT_PSEUDONYM_KEY.`,
      );
    }
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
