import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { defineConfig, startKompetenta, type Kompetenta } from '@kompetenta/app';
import {
  createTestDatabase,
  testEngines,
  unusedLoopbackPort,
  type TestDatabase,
} from '@kompetenta/test-utils';
import { seedWithCli } from '../../examples/export-api/seedWithCli';
import { runExample } from './support/runExample';

const header = 'Aktivitetstyp;Kvinnor;Män;Övriga/vill ej uppge;Ej registrerat;Totalt';

/** The CSV as the example wrote it: BOM, CRLF lines, and the six attendees of the seeded meeting. */
function expectSeededCsv(path: string): void {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').replace(/\r\n$/, '').split('\r\n');
  expect(lines[0]).to.equal(header);
  // Six people: the total is shown; the gender cells are suppressed (groups below 5).
  expect(lines.slice(1)).to.deep.equal(['Nätverksträff;..;..;..;..;6', 'Totalt;..;..;..;..;6']);
}

describe('examples/export-api', function () {
  // Each run opens the embedded database (PGlite) a few times and applies the migrations once.
  this.timeout(120_000);
  const work = mkdtempSync(join(tmpdir(), 'kompetenta-example-export-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('seeds, creates a token, serves and downloads the CSV export — as its README runs it', async () => {
    const out = join(work, 'self-contained.csv');
    const run = await runExample('export-api/export.ts', [out]);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Created API token [0-9a-f-]{36} with kompetenta token create\.$/m);
    expect(run.stdout).to.contain('(attendance-by-event-type, 2 row(s) after the header)');
    expectSeededCsv(out);
  });

  for (const engine of testEngines())
    describe(`download.ts against a running server (KOMPETENTA_URL, KOMPETENTA_TOKEN) [${engine}]`, () => {
      let kompetenta: Kompetenta;
      let token: { id: string; secret: string };
      // PostgreSQL: a fresh database on the test server, seeded by the CLI through DATABASE_URL.
      let postgres: TestDatabase | undefined;
      before(async () => {
        const dataDir = join(work, engine, 'data');
        const coursesDir = join(work, engine, 'courses');
        mkdirSync(coursesDir, { recursive: true });
        postgres = engine === 'postgres' ? await createTestDatabase(engine, { migrate: false }) : undefined;
        const databaseUrl = postgres?.url;
        token = await seedWithCli(
          {
            DATA_DIR: dataDir,
            COURSES_DIR: coursesDir,
            LOG_LEVEL: 'silent',
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          },
          join(work, engine),
        );
        const port = await unusedLoopbackPort();
        const config = defineConfig(
          {
            publicUrl: `http://127.0.0.1:${port}`,
            port,
            host: '127.0.0.1',
            dataDir,
            coursesDir,
            logLevel: 'silent',
            devPlatform: false,
            ...(databaseUrl ? { databaseUrl } : {}),
          },
          work,
        );
        kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
      });
      after(async () => {
        await kompetenta?.shutdown();
        await postgres?.dispose();
      });

      const download = (secret: string, file: string) =>
        runExample('export-api/download.ts', [join(work, engine, file)], {
          KOMPETENTA_URL: kompetenta.config.publicUrl,
          KOMPETENTA_TOKEN: secret,
        });

      it('downloads with the token, and is refused with 401 without one, with an unknown one and once revoked', async () => {
        const ok = await download(token.secret, 'running.csv');
        expect(ok.status, ok.stderr).to.equal(0);
        expectSeededCsv(join(work, engine, 'running.csv'));

        const missing = await download('', 'missing.csv');
        expect(missing.status).to.equal(1);
        expect(missing.stderr).to.contain('answered 401 TOKEN_BEARER_MISSING');

        const unknown = await download(`kmp_${'x'.repeat(43)}`, 'unknown.csv');
        expect(unknown.status).to.equal(1);
        expect(unknown.stderr).to.contain('answered 401 TOKEN_SECRET_UNKNOWN');

        // What `kompetenta token revoke <id>` does; the running server refuses the token at once.
        await kompetenta.database.stores.apiTokens.revoke(token.id, new Date());
        const revoked = await download(token.secret, 'revoked.csv');
        expect(revoked.status).to.equal(1);
        expect(revoked.stderr).to.contain('answered 401 TOKEN_ACCESS_REVOKED');
        expect(() => readFileSync(join(work, engine, 'revoked.csv'))).to.throw(/ENOENT/);
      });
    });
});
