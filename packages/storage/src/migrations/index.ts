import type { Knex } from 'knex';
import * as initial from './001_initial';
import * as lti from './002_lti';
import * as reporting from './003_reporting';
import * as ltiDeepLinking from './004_lti_deep_linking';
import * as ltiResourceLinks from './005_lti_resource_links';
import * as outboxOrdering from './006_outbox_ordering';
import * as apiTokens from './007_api_tokens';
import * as standalone from './008_standalone';
import * as reportCache from './009_report_cache';
import * as reportDeltas from './010_report_deltas';
import * as reportMoves from './011_report_more_deltas';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Migrations in order. Names are stored in knex_migrations: never rename or reorder one. */
const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['001_initial', initial],
  ['002_lti', lti],
  ['003_reporting', reporting],
  ['004_lti_deep_linking', ltiDeepLinking],
  ['005_lti_resource_links', ltiResourceLinks],
  ['006_outbox_ordering', outboxOrdering],
  ['007_api_tokens', apiTokens],
  ['008_standalone', standalone],
  ['009_report_cache', reportCache],
  ['010_report_deltas', reportDeltas],
  ['011_report_more_deltas', reportMoves],
];

/**
 * A migration source from compiled-in modules, so migrations run the same from `dist/`, from
 * TypeScript tests, and from a bundled app, without looking for files on disk.
 */
export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: ([name]) => name,
  getMigration: ([, migration]) => Promise.resolve(migration),
};

/**
 * Name of the newest migration this version of the package brings (as stored in
 * `knex_migrations`); a database that has run it is on the current schema.
 */
export const latestMigrationName = migrations[migrations.length - 1]![0];
