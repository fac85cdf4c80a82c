import { expect } from 'chai';
import { isAppError } from '@kompetenta/core';
import { defineConfig, type KompetentaSettings } from '../../src/config/defineConfig';
import { loadConfig } from '../../src/config/loadConfig';

function configError(settings: KompetentaSettings): string {
  try {
    defineConfig(settings, '/srv/portal');
  } catch (error) {
    expect(isAppError(error, 'APP_CONFIG_INVALID'), String(error)).to.equal(true);
    return (error as Error).message;
  }
  return expect.fail('expected APP_CONFIG_INVALID');
}

describe('defineConfig (settings in code for an embedding app)', () => {
  it('fills in what loadConfig gives an empty environment, with the public URL and directories given', () => {
    const config = defineConfig(
      { publicUrl: 'https://portal.example.se/learning/', dataDir: 'var/kompetenta' },
      '/srv/portal',
    );
    const defaults = loadConfig({}, '/srv/portal');
    expect(config.publicUrl).to.equal('https://portal.example.se/learning');
    expect(config.dataDir).to.equal('/srv/portal/var/kompetenta');
    expect(config.packagesDir).to.equal('/srv/portal/var/kompetenta/packages');
    expect(config.coursesDir).to.equal(defaults.coursesDir);
    expect(config.environment).to.equal('development');
    expect(config.devPlatform).to.equal(true);
    expect(config.reportSuppressionThreshold).to.equal(defaults.reportSuppressionThreshold);
    expect(config.reminderDays).to.deep.equal(defaults.reminderDays);
  });

  it('keeps absolute directories and every other setting as given', () => {
    const config = defineConfig(
      {
        publicUrl: 'http://localhost:4000/learning',
        coursesDir: '/opt/courses',
        environment: 'test',
        port: 4000,
        logLevel: 'silent',
      },
      '/srv/portal',
    );
    expect(config.coursesDir).to.equal('/opt/courses');
    expect(config).to.include({ environment: 'test', port: 4000, logLevel: 'silent', devPlatform: false });
  });

  it('names a bad public URL, port or environment', () => {
    expect(configError({ publicUrl: 'portal/learning' })).to.contain('publicUrl must be a URL');
    expect(configError({ publicUrl: 'ftp://portal.example.se' })).to.contain('http:// or https://');
    expect(configError({ publicUrl: 'https://portal.example.se/learning?x=1' })).to.contain(
      'must not have a query or fragment',
    );
    expect(configError({ publicUrl: 'https://p.example.se', port: 70000 })).to.contain('port must be');
    expect(configError({ publicUrl: 'https://p.example.se', environment: 'staging' as 'test' })).to.contain(
      'environment must be',
    );
  });

  it('applies the rules of the environment: nothing for development only in production, the key required there', () => {
    const production = { publicUrl: 'https://p.example.se/learning', environment: 'production' } as const;
    expect(configError(production)).to.contain('ltiEncryptionKey (32 bytes) is required');
    const key = Buffer.alloc(32, 1);
    expect(defineConfig({ ...production, ltiEncryptionKey: key }, '/srv').devPlatform).to.equal(false);
    expect(configError({ ...production, ltiEncryptionKey: key, devPlatform: true })).to.contain(
      'devPlatform is for development',
    );
    expect(configError({ ...production, ltiEncryptionKey: key, ltiAutoApprove: true })).to.contain(
      'ltiAutoApprove is for development',
    );
    expect(configError({ ...production, ltiEncryptionKey: Buffer.alloc(16) })).to.contain('must be 32 bytes');
    expect(configError({ publicUrl: 'https://p.example.se', smtpUrl: 'smtp://mail.example.se' })).to.contain(
      'mailFrom is required',
    );
  });
});
