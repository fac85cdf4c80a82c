import { createTestDatabase, expectAppError, temporaryDataDir, testEngines } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/index';

describe('openDatabase [pglite on disk]', () => {
  it('keeps data written through PGlite after the database is closed and reopened from the same directory', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const first = await openDatabase({ dataDir: dir });
      expect(first.engine).to.equal('pglite');
      expect(await first.migrate()).to.deep.equal([
        '001_initial',
        '002_lti',
        '003_reporting',
        '004_lti_deep_linking',
        '005_lti_resource_links',
        '006_outbox_ordering',
        '007_api_tokens',
        '008_standalone',
        '009_report_cache',
        '010_report_deltas',
        '011_report_more_deltas',
      ]);
      const org = await first.stores.organisations.create({
        name: 'Sociala kooperativet Vågen',
        kind: 'kooperativ',
      });
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      try {
        expect(await second.pendingMigrations()).to.deep.equal([]);
        expect(await second.migrate(), 'nothing left to apply').to.deep.equal([]);
        expect((await second.stores.organisations.get(org.id)).name).to.equal('Sociala kooperativet Vågen');
      } finally {
        await second.close();
      }
    } finally {
      remove();
    }
  });

  it('refuses a second open of the same directory while the first is open', async () => {
    const { dir, remove } = temporaryDataDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      const error = await expectAppError(openDatabase({ dataDir: dir }), 'STORE_DATA_DIR_UNUSABLE');
      expect(error.message).to.match(/in use by process \d+/);
    } finally {
      await first.close();
      remove();
    }
  });

  it('names an unusable data directory', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      // A directory below a plain file can never be created.
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const error = await expectAppError(
        openDatabase({ dataDir: join(file, 'data') }),
        'STORE_DATA_DIR_UNUSABLE',
      );
      expect(error.message).to.contain(file);
    } finally {
      remove();
    }
  });
});

describe('openDatabase [postgres] connection errors', () => {
  it('rejects a URL that is not postgres:// with one clear error', async () => {
    const error = await expectAppError(
      openDatabase({ url: 'mysql://localhost/x' }),
      'STORE_DATABASE_URL_INVALID',
    );
    expect(error.message).to.contain('postgres://');
    await expectAppError(openDatabase({ url: 'not a url' }), 'STORE_DATABASE_URL_INVALID');
  });

  it('reports an unreachable server with where it tried, never the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await expectAppError(
      openDatabase({ url: 'postgres://kompetenta:secret@127.0.0.1:1/kompetenta' }),
      'STORE_DATABASE_UNREACHABLE',
    );
    expect(error.message).to.contain('127.0.0.1:1/kompetenta');
    expect(error.message).to.not.contain('secret');
  });
});

for (const engine of testEngines()) {
  describe(`migrations [${engine}]`, () => {
    it('applies every migration on a fresh database, then reports none pending', async () => {
      const test = await createTestDatabase(engine, { migrate: false });
      try {
        expect(await test.db.pendingMigrations()).to.deep.equal([
          '001_initial',
          '002_lti',
          '003_reporting',
          '004_lti_deep_linking',
          '005_lti_resource_links',
          '006_outbox_ordering',
          '007_api_tokens',
          '008_standalone',
          '009_report_cache',
          '010_report_deltas',
          '011_report_more_deltas',
        ]);
        await test.db.migrate();
        expect(await test.db.pendingMigrations()).to.deep.equal([]);
        await test.db.ping();
      } finally {
        await test.dispose();
      }
    });
  });
}
