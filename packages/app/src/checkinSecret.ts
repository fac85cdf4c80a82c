import type { AppConfig } from './config/AppConfig';
import { hs256SecretCodec } from './hs256Secret';
import { secretFromFile } from './secretFile';

/**
 * The HS256 secret of check-in links. CHECKIN_SECRET when set (several instances must share one);
 * otherwise a random one made once into `DATA_DIR/secrets/checkin.key` and kept while the file
 * exists: a new secret would void every printed QR code.
 */
export function resolveCheckinSecret(config: Pick<AppConfig, 'checkinSecret' | 'dataDir'>): Uint8Array {
  if (config.checkinSecret) return Buffer.from(config.checkinSecret, 'utf8');
  return secretFromFile(config.dataDir, 'checkin.key', hs256SecretCodec('CHECKIN_SECRET'));
}
