import { openDatabase, type Database, type Engine } from '@kompetenta/storage';
import { createTestDatabase, temporaryDataDir, testEngines } from '@kompetenta/test-utils';

/**
 * A migrated database the CLI opens itself (through DATABASE_URL or DATA_DIR), and a way for the
 * test to look into it between commands.
 */
export interface CliDatabase {
  readonly engine: Engine;
  /** The environment to run the CLI with. DATA_DIR is always a fresh folder (keys, outbox). */
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  /** Runs `work` on the database. PGlite on disk allows one process at a time: opened per call. */
  inspect<T>(work: (database: Database) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

async function openCliDatabase(engine: Engine): Promise<CliDatabase> {
  const data = temporaryDataDir();
  if (engine === 'pglite') {
    const first = await openDatabase({ dataDir: data.dir });
    await first.migrate();
    await first.close();
    return {
      engine,
      env: { DATA_DIR: data.dir, NODE_ENV: 'test' },
      dataDir: data.dir,
      async inspect(work) {
        const database = await openDatabase({ dataDir: data.dir });
        try {
          return await work(database);
        } finally {
          await database.close();
        }
      },
      dispose: () => Promise.resolve(data.remove()),
    };
  }
  const test = await createTestDatabase('postgres');
  return {
    engine,
    env: { DATABASE_URL: test.url, DATA_DIR: data.dir, NODE_ENV: 'test' },
    dataDir: data.dir,
    inspect: (work) => work(test.db),
    async dispose() {
      await test.dispose();
      data.remove();
    },
  };
}

/** Declares `body` once per engine (PGlite always, PostgreSQL with TEST_DATABASE_URL), each with its own database. */
export function describeCliOnEachEngine(title: string, body: (database: () => CliDatabase) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, function () {
      let database: CliDatabase | undefined;
      before(async function () {
        this.timeout(60_000);
        database = await openCliDatabase(engine);
      });
      after(async () => {
        await database?.dispose();
      });
      body(() => {
        if (!database) throw new Error('the test database is not open yet');
        return database;
      });
    });
  }
}
