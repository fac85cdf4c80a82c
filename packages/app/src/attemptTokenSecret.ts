import { hs256SecretCodec } from './hs256Secret';
import type { AppConfig } from './config/AppConfig';
import { secretFromFile } from './secretFile';

/**
 * The HS256 secret of the player's attempt tokens. ATTEMPT_TOKEN_SECRET when set (several
 * instances must share one); otherwise a random one made once into
 * `DATA_DIR/secrets/attempt-token.key` and kept while the file exists, so a restart does not end
 * the sessions of learners in the middle of a course.
 */
export function resolveAttemptTokenSecret(
  config: Pick<AppConfig, 'attemptTokenSecret' | 'dataDir'>,
): Uint8Array {
  if (config.attemptTokenSecret) return Buffer.from(config.attemptTokenSecret, 'utf8');
  return secretFromFile(config.dataDir, 'attempt-token.key', hs256SecretCodec('ATTEMPT_TOKEN_SECRET'));
}
