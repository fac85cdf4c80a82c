import { temporaryDataDir, testPostgresUrl } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { runCliCapturing } from '../support/runCliCapturing';

const run = runCliCapturing;

describe('kompetenta migrate', () => {
  it('migrates the embedded database once, then says it is up to date [pglite]', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const first = await run(['migrate'], { DATA_DIR: dir });
      expect(first.status, first.err.join('\n')).to.equal(0);
      expect(first.out[0]).to.contain('Applied 001_initial');
      const second = await run(['migrate'], { DATA_DIR: dir });
      expect(second.out[0]).to.contain('Nothing to apply');
    } finally {
      remove();
    }
  });

  it('reports an unreachable database as one line, without a stack trace [postgres]', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const { status, err } = await run(['migrate'], {
      DATABASE_URL: 'postgres://kompetenta@127.0.0.1:1/kompetenta',
    });
    expect(status).to.equal(1);
    expect(err).to.have.length(1);
    expect(err[0]).to.contain('127.0.0.1:1').and.contain('[STORE_DATABASE_UNREACHABLE]');
  });

  if (testPostgresUrl()) {
    it('migrates a PostgreSQL database given by DATABASE_URL [postgres]', async () => {
      const { createTestDatabase } = await import('@kompetenta/test-utils');
      const test = await createTestDatabase('postgres', { migrate: false });
      try {
        const { status, out, err } = await run(['migrate'], { DATABASE_URL: test.url });
        expect(status, err.join('\n')).to.equal(0);
        expect(out[0]).to.contain('Applied 001_initial');
        expect(await test.db.pendingMigrations()).to.deep.equal([]);
      } finally {
        await test.dispose();
      }
    });
  }
});
