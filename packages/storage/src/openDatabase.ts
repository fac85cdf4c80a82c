import { AppError } from '@kompetenta/core';
import knexFactory, { type Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectionError } from './connectionErrors';
import type { Database, DatabaseConfig, Engine } from './Database';
import { acquireDirectoryLock } from './directoryLock';
import { migrationSource } from './migrations/index';
import { createStores } from './stores/createStores';

/** Parses and checks a PostgreSQL URL; returns where it points, without the password. */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('STORE_DATABASE_URL_INVALID', 'DATABASE_URL is not a valid URL.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError(
      'STORE_DATABASE_URL_INVALID',
      `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//.`,
    );
  }
  const database = parsed.pathname.replace(/^\//, '') || '(default database)';
  return `PostgreSQL at ${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
}

function openKnex(config: DatabaseConfig): {
  knex: Knex;
  engine: Engine;
  location: string;
  release: () => void;
} {
  if (config.url) {
    const location = describePostgresUrl(config.url);
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: config.url },
      pool: { min: 0, max: config.poolMax ?? 10 },
      acquireConnectionTimeout: 10_000,
      // Connection failures become one AppError (connectionErrors.ts); knex's own console
      // warnings would print a second, raw stack trace.
      log: {
        warn: () => undefined,
        error: () => undefined,
        deprecate: () => undefined,
        debug: () => undefined,
      },
    });
    return { knex, engine: 'postgres', location, release: () => undefined };
  }
  const dataDir = config.dataDir ?? './data';
  if (dataDir === ':memory:') {
    return {
      knex: knexFactory({ client: ClientPGLite, connection: {} }),
      engine: 'pglite',
      location: 'PGlite in memory',
      release: () => undefined,
    };
  }
  const directory = join(resolve(dataDir), 'pglite');
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new AppError(
      'STORE_DATA_DIR_UNUSABLE',
      `Cannot create the database directory ${directory}: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  // PGlite is single-process: a second process on the same files would corrupt them.
  const release = acquireDirectoryLock(directory);
  const knex = knexFactory({ client: ClientPGLite, connection: { filename: directory } });
  return { knex, engine: 'pglite', location: `PGlite in ${directory}`, release };
}

/**
 * Opens the database: embedded PGlite (data in `dataDir`) when no URL is given, PostgreSQL
 * through `pg` otherwise. Connects once before returning, so a wrong URL or a server that is down
 * fails here with one clear STORE_DATABASE_UNREACHABLE error.
 */
export async function openDatabase(config: DatabaseConfig = {}): Promise<Database> {
  const { knex, engine, location, release } = openKnex(config);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await knex.destroy();
    } finally {
      release();
    }
  };
  const ping = async (): Promise<void> => {
    try {
      await knex.raw('select 1');
    } catch (error) {
      throw connectionError(error, location);
    }
  };
  try {
    await ping();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const migrator = { migrationSource, tableName: 'knex_migrations' };
  return {
    engine,
    location,
    knex,
    stores: createStores(knex),
    ping,
    close,
    async migrate() {
      try {
        const [, applied] = (await knex.migrate.latest(migrator)) as [number, string[]];
        return applied;
      } catch (error) {
        throw new AppError(
          'STORE_MIGRATION_FAILED',
          `Migrations failed on ${location}: ${(error as Error).message}`,
          {},
          { cause: error },
        );
      }
    },
    async pendingMigrations() {
      const [, pending] = (await knex.migrate.list(migrator)) as [
        unknown[],
        Parameters<typeof migrationSource.getMigrationName>[0][],
      ];
      return pending.map((entry) => migrationSource.getMigrationName(entry));
    },
  };
}
