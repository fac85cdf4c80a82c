/**
 * @kompetenta/storage — one knex implementation of the core store ports on two engines:
 * embedded PGlite (the zero-setup default) and PostgreSQL.
 *
 * The public API: {@link openDatabase} (then `database.migrate()`), {@link createStores} and
 * {@link createLtiStores} (the store ports on that database), the reporting store and the
 * erasure. `@kompetenta/storage/internal` holds what other Kompetenta packages' tests use (no
 * stability promise).
 * @packageDocumentation
 */
export { openDatabase, describePostgresUrl } from './openDatabase';
export type { Database, DatabaseConfig, Engine } from './Database';
export type { Db } from './stores/sql';
export { createStores } from './stores/createStores';
export { latestMigrationName } from './migrations/index';
export { createLtiStores, type LtiStorageOptions } from './lti/createLtiStores';
export { KnexLtijsDatabase, type LtijsDocument, type LtijsEncryptionKey } from './lti/KnexLtijsDatabase';
export { KnexReportingStore } from './stores/KnexReportingStore';
export { pseudonymousId } from './stores/participantRecords';
export { KnexPersonErasure } from './erasure/KnexPersonErasure';
