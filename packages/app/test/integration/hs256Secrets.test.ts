import { isAppError } from '@kompetenta/core';
import { temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAttemptTokenSecret } from '../../src/attemptTokenSecret';
import { resolveCheckinSecret } from '../../src/checkinSecret';

const secrets = [
  {
    name: 'attempt tokens',
    file: 'attempt-token.key',
    resolve: (dataDir: string, configured?: string) =>
      resolveAttemptTokenSecret({ attemptTokenSecret: configured, dataDir }),
  },
  {
    name: 'check-in links',
    file: 'checkin.key',
    resolve: (dataDir: string, configured?: string) =>
      resolveCheckinSecret({ checkinSecret: configured, dataDir }),
  },
];

for (const secret of secrets)
  describe(`the HS256 secret of ${secret.name}`, () => {
    it('uses the configured one, else makes one once in DATA_DIR/secrets (0600) and reuses it', () => {
      const { dir, remove } = temporaryDataDir();
      try {
        const configured = 'c'.repeat(40);
        expect(Buffer.from(secret.resolve(dir, configured)).toString()).to.equal(configured);
        const first = secret.resolve(dir);
        expect(first.length).to.be.at.least(32);
        expect(Buffer.from(secret.resolve(dir)).equals(Buffer.from(first))).to.equal(true);
        expect(statSync(join(dir, 'secrets', secret.file)).mode & 0o777).to.equal(0o600);
      } finally {
        remove();
      }
    });

    it('refuses a file holding a short secret instead of replacing it', () => {
      const { dir, remove } = temporaryDataDir();
      try {
        secret.resolve(dir);
        writeFileSync(join(dir, 'secrets', secret.file), 'short\n');
        expect(() => secret.resolve(dir))
          .to.throw(secret.file)
          .that.satisfies((error: unknown) => isAppError(error, 'APP_CONFIG_INVALID'));
      } finally {
        remove();
      }
    });
  });
