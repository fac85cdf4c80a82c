import type { Stores } from '@kompetenta/core';
import type { Knex } from 'knex';

/** Which database an open {@link Database} runs on: embedded PGlite or a PostgreSQL server. */
export type Engine = 'pglite' | 'postgres';

/** How to reach the database. Without `url`, an embedded PGlite database lives in `dataDir`. */
export interface DatabaseConfig {
  /** A `postgres://` or `postgresql://` URL; when absent, embedded PGlite is used. */
  readonly url?: string | undefined;
  /** Directory for the embedded database (default `./data`); `':memory:'` keeps it in memory. */
  readonly dataDir?: string | undefined;
  /** Largest PostgreSQL connection pool (default 10). PGlite always has one connection. */
  readonly poolMax?: number | undefined;
}

/** An open database: the knex handle, the stores on it, and its schema operations. */
export interface Database {
  readonly engine: Engine;
  /** Where the data is, without secrets: `PGlite in data/pglite` or `PostgreSQL at host:5432/db`. */
  readonly location: string;
  readonly knex: Knex;
  readonly stores: Stores;
  /** Applies pending migrations; returns the names applied. Throws STORE_MIGRATION_FAILED. */
  migrate(): Promise<string[]>;
  /** Names of migrations not yet applied. */
  pendingMigrations(): Promise<string[]>;
  /** Throws STORE_DATABASE_UNREACHABLE when a trivial query fails. */
  ping(): Promise<void>;
  /** Closes every connection (and flushes the embedded database to disk). */
  close(): Promise<void>;
}
