import { AppError } from '@kompetenta/core';
import { readFileSync } from 'node:fs';
import type { AppConfig } from './config/AppConfig';
import type { TlsCredentials } from './server/listen';

function readPem(name: 'TLS_CERT' | 'TLS_KEY', file: string, marker: RegExp): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError(
      'APP_CONFIG_INVALID',
      `Invalid configuration: ${name} ${file} cannot be read (${reason}).`,
    );
  }
  if (!marker.test(content.toString('latin1'))) {
    throw new AppError('APP_CONFIG_INVALID', `Invalid configuration: ${name} ${file} is not a PEM file.`);
  }
  return content;
}

/** The certificate and key of TLS_CERT/TLS_KEY, read once at start; undefined serves plain HTTP. */
export function readTlsCredentials(config: Pick<AppConfig, 'tls'>): TlsCredentials | undefined {
  if (!config.tls) return undefined;
  return {
    cert: readPem('TLS_CERT', config.tls.certFile, /-----BEGIN CERTIFICATE-----/),
    key: readPem('TLS_KEY', config.tls.keyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
  };
}
