import { openDatabase, type Database, type Engine } from '@kompetenta/storage';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server tests may use, if any: TEST_DATABASE_URL, else DATABASE_URL. */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** Engines the database tests run on: PGlite always, PostgreSQL when a server is configured. */
export function testEngines(): Engine[] {
  return testPostgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** A database made for one test file, migrated, and removed again by `dispose`. */
export interface TestDatabase {
  readonly db: Database;
  /** The PostgreSQL URL of this database (undefined for PGlite), for code that connects itself. */
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Opens a fresh, migrated database on `engine`: a new in-memory PGlite, or a new database
 * `kompetenta_test_<random>` on the configured PostgreSQL server (dropped on dispose).
 */
export async function createTestDatabase(
  engine: Engine,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openDatabase({ dataDir: ':memory:' });
    if (options.migrate !== false) await db.migrate();
    return { db, url: undefined, dispose: () => db.close() };
  }
  const serverUrl = testPostgresUrl();
  if (!serverUrl) throw new Error('PostgreSQL tests need TEST_DATABASE_URL or DATABASE_URL');
  const name = `kompetenta_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 20 });
  if (options.migrate !== false) await db.migrate();
  return {
    db,
    url: url.toString(),
    async dispose() {
      await db.close();
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh temporary directory for an embedded database on disk, removed by the returned function. */
export function temporaryDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kompetenta-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Declares `body` once per engine, in a suite titled with the engine name so the output says where
 * each suite ran, with a fresh migrated database for that suite.
 */
export function describeEachEngine(
  title: string,
  body: (database: () => Database, engine: Engine) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, function () {
      let test: TestDatabase | undefined;
      before(async function () {
        this.timeout(60_000);
        test = await createTestDatabase(engine);
      });
      after(async () => {
        await test?.dispose();
      });
      body(() => {
        if (!test) throw new Error('the test database is not open yet');
        return test.db;
      }, engine);
    });
  }
}
