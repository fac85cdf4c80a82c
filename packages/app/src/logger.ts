import pino, { type Logger } from 'pino';
import type { AppConfig } from './config/AppConfig';

/** Structured JSON logs on stdout (one object per line), as log collectors expect. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'kompetenta' } });
}
