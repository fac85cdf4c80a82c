import { expect } from 'chai';
import { isAppError } from '@kompetenta/core';
import { loadConfig } from '../../src/config/loadConfig';

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env, '/srv/kompetenta');
  } catch (error) {
    expect(isAppError(error, 'APP_CONFIG_INVALID'), String(error)).to.equal(true);
    return (error as Error).message;
  }
  return expect.fail('expected APP_CONFIG_INVALID');
}

describe('loadConfig', () => {
  it('gives working defaults with an empty environment: embedded database in ./data, port 3000', () => {
    const config = loadConfig({}, '/srv/kompetenta');
    expect(config.port).to.equal(3000);
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.dataDir).to.equal('/srv/kompetenta/data');
    expect(config.coursesDir).to.equal('/srv/kompetenta/courses');
    expect(config.publicUrl).to.equal('http://localhost:3000');
    expect(config.logLevel).to.equal('info');
  });

  it('reads every variable and trims a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        PUBLIC_URL: 'https://kurser.example.se/',
        DATABASE_URL: 'postgres://k@db:5432/kompetenta',
        DATABASE_POOL_MAX: '20',
        DATA_DIR: '/var/lib/kompetenta',
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: '5000',
        NODE_ENV: 'production',
        LTI_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
      '/srv',
    );
    expect(config).to.include({
      port: 8080,
      publicUrl: 'https://kurser.example.se',
      databasePoolMax: 20,
      dataDir: '/var/lib/kompetenta',
    });
    expect(config).to.include({ logLevel: 'warn', shutdownTimeoutMs: 5000, environment: 'production' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, '/srv').port).to.equal(3000);
  });

  it('names a bad PORT with the value it got', () => {
    expect(configError({ PORT: 'abc' }))
      .to.contain('PORT')
      .and.contain('"abc"');
    expect(configError({ PORT: '70000' })).to.contain('PORT must be between 0 and 65535 (got "70000")');
    expect(configError({ PORT: '80.5' })).to.contain('PORT must be a whole number');
  });

  it('names a bad DATABASE_URL without echoing it (it may hold a password)', () => {
    const message = configError({ DATABASE_URL: 'mysql://root:secret@db/x' });
    expect(message).to.contain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(message).to.not.contain('secret');
  });

  it('checks LTI_ENCRYPTION_KEY without echoing it, and requires it in production', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ LTI_ENCRYPTION_KEY: key }, '/srv').ltiEncryptionKey?.length).to.equal(32);
    expect(loadConfig({}, '/srv').ltiEncryptionKey).to.equal(undefined);
    const message = configError({ LTI_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(message).to.contain('LTI_ENCRYPTION_KEY must be 32 bytes in base64').and.not.contain('c2hvcnQ=');
    expect(configError({ NODE_ENV: 'production' })).to.contain(
      'LTI_ENCRYPTION_KEY is required when NODE_ENV=production',
    );
  });

  it('writes mail to files unless SMTP_URL is set, and then needs MAIL_FROM', () => {
    const files = loadConfig({}, '/srv');
    expect(files.smtpUrl).to.equal(undefined);
    expect(files.mailFrom).to.equal('kompetenta@example.invalid');
    const smtp = loadConfig(
      { SMTP_URL: 'smtps://u:p@mail.example.se:465', MAIL_FROM: 'kurser@example.se' },
      '/srv',
    );
    expect(smtp).to.include({ smtpUrl: 'smtps://u:p@mail.example.se:465', mailFrom: 'kurser@example.se' });
    expect(configError({ SMTP_URL: 'smtp://mail.example.se' })).to.contain(
      'MAIL_FROM is required when SMTP_URL is set',
    );
    const bad = configError({ SMTP_URL: 'http://u:secret@mail', MAIL_FROM: 'not-an-address' });
    expect(bad)
      .to.contain('SMTP_URL must start with smtp:// or smtps://')
      .and.contain('MAIL_FROM')
      .and.not.contain('secret');
  });

  it('reads the report variables: the pseudonym key unechoed and long enough, a threshold of at least 3', () => {
    const defaults = loadConfig(
      { NODE_ENV: 'production', LTI_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') },
      '/srv',
    );
    // Optional even in production: only the participants export needs the key.
    expect(defaults).to.include({ reportPseudonymKey: undefined, reportSuppressionThreshold: 5 });
    const key = 'k'.repeat(32);
    expect(loadConfig({ REPORT_PSEUDONYM_KEY: key, REPORT_SUPPRESSION_THRESHOLD: '3' }, '/srv')).to.include({
      reportPseudonymKey: key,
      reportSuppressionThreshold: 3,
    });
    const short = configError({ REPORT_PSEUDONYM_KEY: 'too-short-secret' });
    expect(short)
      .to.contain('REPORT_PSEUDONYM_KEY must be at least 32 characters')
      .and.not.contain('too-short');
    expect(configError({ REPORT_SUPPRESSION_THRESHOLD: '2' })).to.contain(
      'REPORT_SUPPRESSION_THRESHOLD must be at least 3 (got "2")',
    );
    expect(configError({ REPORT_SUPPRESSION_THRESHOLD: '4.5' })).to.contain(
      'REPORT_SUPPRESSION_THRESHOLD must be a whole number',
    );
  });

  it('reads LTI_AUTO_APPROVE and refuses it in production', () => {
    expect(loadConfig({}, '/srv').ltiAutoApprove).to.equal(false);
    expect(loadConfig({ LTI_AUTO_APPROVE: 'true' }, '/srv').ltiAutoApprove).to.equal(true);
    expect(configError({ LTI_AUTO_APPROVE: 'yes' })).to.contain('LTI_AUTO_APPROVE must be true or false');
    const key = Buffer.alloc(32, 2).toString('base64');
    expect(
      configError({ NODE_ENV: 'production', LTI_ENCRYPTION_KEY: key, LTI_AUTO_APPROVE: 'true' }),
    ).to.contain('LTI_AUTO_APPROVE=true is for development');
  });

  it('lists every bad variable in one message', () => {
    const message = configError({ PORT: '-1', PUBLIC_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    expect(message).to.contain('PORT').and.contain('PUBLIC_URL').and.contain('LOG_LEVEL');
    expect(message.split('\n')).to.have.length(1);
  });
});
