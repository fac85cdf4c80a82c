/**
 * @kompetenta/test-utils — private helpers for Kompetenta's own tests: fresh databases on both
 * engines and one contract suite per store port.
 * @packageDocumentation
 */
export {
  createTestDatabase,
  describeEachEngine,
  temporaryDataDir,
  testEngines,
  testPostgresUrl,
  type TestDatabase,
} from './testDatabases';
export { expectAppError } from './contracts/expectAppError';
export { organisationStoreContract } from './contracts/organisationStoreContract';
export { tenantStoreContract } from './contracts/tenantStoreContract';
export { personStoreContract } from './contracts/personStoreContract';
export { courseAndAttemptContract } from './contracts/courseAndAttemptContract';
export { eventStoreContract, auditLogContract, outboxContract } from './contracts/eventAuditOutboxContract';
export { outboxOrderingContract } from './contracts/outboxOrderingContract';
export { ltiStoresContract, ManualClock } from './contracts/ltiStorageContract';
export { deepLinkSessionContract } from './contracts/deepLinkSessionContract';
export { ltijsDatabaseContract } from './contracts/ltijsDatabaseContract';
export { reportingStoreContract } from './contracts/reportingStoreContract';
export { standaloneStoresContract } from './contracts/standaloneStoresContract';
export { apiTokenStoreContract } from './contracts/apiTokenStoreContract';
export { resourceLinkStoreContract } from './contracts/resourceLinkStoreContract';

import type { Stores } from '@kompetenta/core';
import { organisationStoreContract } from './contracts/organisationStoreContract';
import { tenantStoreContract } from './contracts/tenantStoreContract';
import { personStoreContract } from './contracts/personStoreContract';
import { courseAndAttemptContract } from './contracts/courseAndAttemptContract';
import { eventStoreContract, auditLogContract, outboxContract } from './contracts/eventAuditOutboxContract';
import { apiTokenStoreContract } from './contracts/apiTokenStoreContract';
import { outboxOrderingContract } from './contracts/outboxOrderingContract';
import { resourceLinkStoreContract } from './contracts/resourceLinkStoreContract';

/** Every store contract, in one list, for suites that run them all against an implementation. */
export const storeContracts: ReadonlyArray<readonly [string, (stores: () => Stores) => void]> = [
  ['organisations', organisationStoreContract],
  ['tenants', tenantStoreContract],
  ['people', personStoreContract],
  ['courses and attempts', courseAndAttemptContract],
  ['resource links', resourceLinkStoreContract],
  ['events', eventStoreContract],
  ['audit log', auditLogContract],
  ['outbox', outboxContract],
  ['api tokens', apiTokenStoreContract],
  ['outbox ordering', outboxOrderingContract],
];
export {
  PlatformEmulator,
  parseAutoPostForm,
  renderAutoPostForm,
  type PlatformEmulatorOptions,
  type EmulatedUser,
  type LaunchPlan,
  EmulatedAgs,
  type EmulatedLineItem,
  type IgnoredScore,
  type ReceivedScore,
} from './platformEmulator/index';
export {
  SmtpTestServer,
  unusedLoopbackPort,
  type ReceivedMail,
  type SmtpTestServerOptions,
} from './smtp/SmtpTestServer';
export {
  createDevPlatform,
  DEV_PLATFORM_PATH,
  DEV_STORAGE_FRAME,
  type DevPlatform,
  type DevPlatformOptions,
  type DevCourse,
} from './devPlatform/index';
export { loopbackTls } from './smtp/loopbackTls';
