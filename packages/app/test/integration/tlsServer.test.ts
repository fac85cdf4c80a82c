import { isAppError } from '@kompetenta/core';
import { loopbackTls, temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/loadConfig';
import { startKompetenta } from '../../src/main';

/** GET over https, trusting only the test certificate (so the check is real, not switched off). */
function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: loopbackTls.cert }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS with TLS_CERT and TLS_KEY', () => {
  const data = temporaryDataDir();
  const certFile = join(data.dir, 'tls', 'cert.pem');
  const keyFile = join(data.dir, 'tls', 'key.pem');
  const courses = join(data.dir, 'courses');
  before(() => {
    // The throwaway loopback certificate test-utils made with openssl for the SMTP tests.
    mkdirSync(join(data.dir, 'tls'));
    mkdirSync(courses);
    writeFileSync(certFile, loopbackTls.cert);
    writeFileSync(keyFile, loopbackTls.key);
  });
  after(() => data.remove());

  const env = (extra: Record<string, string>) => ({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(data.dir, 'data'),
    COURSES_DIR: courses,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...extra,
  });

  it('serves HTTPS directly, defaults the public URL to https, and stops gracefully', async function () {
    this.timeout(120_000);
    const config = loadConfig(env({ TLS_CERT: certFile, TLS_KEY: keyFile }), data.dir);
    expect(config.tls).to.deep.equal({ certFile, keyFile });
    expect(config.publicUrl).to.match(/^https:\/\/localhost:/);
    const kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
    try {
      const health = await httpsGet(`https://localhost:${kompetenta.server.port}/healthz`);
      expect(health).to.deep.equal({ status: 200, body: '{"status":"ok"}' });
    } finally {
      await kompetenta.shutdown();
    }
    expect(kompetenta.server.server.listening).to.equal(false);
  });

  it('refuses TLS_CERT without TLS_KEY and the other way round', () => {
    for (const [only, other] of [
      ['TLS_CERT', 'TLS_KEY'],
      ['TLS_KEY', 'TLS_CERT'],
    ] as const) {
      try {
        loadConfig(env({ [only]: certFile }), data.dir);
        expect.fail(`${only} alone was accepted`);
      } catch (error) {
        expect(isAppError(error, 'APP_CONFIG_INVALID'), String(error)).to.equal(true);
        expect((error as Error).message)
          .to.contain(`only ${only} is set`)
          .and.contain(other);
      }
    }
  });

  it('names a certificate file that cannot be read before opening anything', async () => {
    const config = loadConfig(env({ TLS_CERT: join(data.dir, 'missing.pem'), TLS_KEY: keyFile }), data.dir);
    try {
      await startKompetenta(config, pino({ level: 'silent' }));
      expect.fail('started without a certificate');
    } catch (error) {
      expect(isAppError(error, 'APP_CONFIG_INVALID'), String(error)).to.equal(true);
      expect((error as Error).message)
        .to.contain('TLS_CERT')
        .and.contain('missing.pem')
        .and.contain('ENOENT');
    }
    const notPem = loadConfig(env({ TLS_CERT: keyFile, TLS_KEY: keyFile }), data.dir);
    try {
      await startKompetenta(notPem, pino({ level: 'silent' }));
      expect.fail('started with a key as the certificate');
    } catch (error) {
      expect((error as Error).message)
        .to.contain('TLS_CERT')
        .and.contain('is not a PEM file');
    }
  });
});
