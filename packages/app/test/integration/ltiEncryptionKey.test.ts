import { isAppError } from '@kompetenta/core';
import { temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLtiEncryptionKey } from '../../src/ltiEncryptionKey';

describe('resolveLtiEncryptionKey', () => {
  it('uses the configured key when there is one', () => {
    const key = Buffer.alloc(32, 1);
    expect(resolveLtiEncryptionKey({ ltiEncryptionKey: key, dataDir: '/nonexistent' })).to.equal(key);
  });

  it('makes a key once in DATA_DIR/secrets (mode 0600) and reuses it', () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const first = resolveLtiEncryptionKey({ ltiEncryptionKey: undefined, dataDir: dir });
      const second = resolveLtiEncryptionKey({ ltiEncryptionKey: undefined, dataDir: dir });
      expect(first.length).to.equal(32);
      expect(second.equals(first)).to.equal(true);
      const file = join(dir, 'secrets', 'lti-encryption.key');
      expect(statSync(file).mode & 0o777).to.equal(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).to.equal(true);
    } finally {
      remove();
    }
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const { dir, remove } = temporaryDataDir();
    try {
      resolveLtiEncryptionKey({ ltiEncryptionKey: undefined, dataDir: dir });
      writeFileSync(join(dir, 'secrets', 'lti-encryption.key'), 'broken');
      expect(() => resolveLtiEncryptionKey({ ltiEncryptionKey: undefined, dataDir: dir }))
        .to.throw()
        .that.satisfies((error: unknown) => isAppError(error, 'APP_CONFIG_INVALID'));
    } finally {
      remove();
    }
  });
});
