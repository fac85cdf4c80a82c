/**
 * @kompetenta/storage — one knex implementation of the core store ports on two engines:
 * embedded PGlite (the zero-setup default) and PostgreSQL.
 * @packageDocumentation
 */
export { openDatabase, describePostgresUrl } from './openDatabase';
export type { Database, DatabaseConfig, Engine } from './Database';
export { createStores } from './stores/createStores';
export { latestMigrationName } from './migrations/index';
export { createLtiStores, type LtiStorageOptions } from './lti/createLtiStores';
export {
  KnexLtijsDatabase,
  LTIJS_COLLECTION_TTL_SECONDS,
  type LtijsDocument,
  type LtijsEncryptionKey,
} from './lti/KnexLtijsDatabase';
export { SecretBox } from './lti/SecretBox';
export { KnexReportingStore } from './stores/KnexReportingStore';
export { pseudonymousId, PARTICIPANT_PAGE_SIZE } from './stores/participantRecords';
export { KnexPersonErasure } from './erasure/KnexPersonErasure';
