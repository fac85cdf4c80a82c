import { AppError } from '@kompetenta/core';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config/AppConfig';
import { secretFromFile } from './secretFile';

/** Shortest key accepted: 32 characters, as REPORT_PSEUDONYM_KEY requires. */
const MIN_LENGTH = 32;

/**
 * The key of the pseudonymous participant ids. Production must set REPORT_PSEUDONYM_KEY (the
 * participants export refuses without it). Elsewhere a random key is made once and kept in
 * `DATA_DIR/secrets/report-pseudonym.key` and never regenerated while the file
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
  return secretFromFile(config.dataDir, 'report-pseudonym.key', {
    make: () => randomBytes(32).toString('base64'),
    parse(stored, file) {
      if (stored.length < MIN_LENGTH) {
        throw new AppError(
          'REPORT_PSEUDONYM_KEY_MISSING',
          `${file} does not hold a key of at least ${MIN_LENGTH} characters; restore it or set REPORT_PSEUDONYM_KEY.`,
        );
      }
      return stored;
    },
  });
}
