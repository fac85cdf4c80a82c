/**
 * @kompetenta/core — domain types, ports and the error registry. No I/O, no framework.
 * @packageDocumentation
 */
export { AppError, isAppError } from './errors/AppError';
export { isDatabaseUnavailable } from './errors/databaseUnavailable';
export {
  errorRegistry,
  errorCodes,
  errorDefinition,
  type ErrorCode,
  type ErrorDefinition,
} from './errors/registry';
export * from './domain/vocabularies';
export type * from './domain/Organisation';
export type * from './domain/Tenant';
export type * from './domain/Person';
export type * from './domain/Course';
export type * from './domain/Attempt';
export type * from './domain/ResourceLink';
export type * from './domain/ProgrammeEvent';
export type * from './domain/AuditEntry';
export type * from './domain/OutboxMessage';
export type * from './domain/ApiToken';
export type * from './ports/stores';
export type * from './ports/ApiTokenStore';
export type * from './ports/PersonErasure';
export * from './tokens/apiTokenSecret';
export * from './domain/WebSession';
export * from './domain/SignInLink';
export type * from './ports/StandaloneStores';
export { generateOpaqueToken, hashOpaqueToken, isOpaqueToken } from './tokens/opaqueToken';
export { systemClock, type Clock } from './ports/Clock';
export * from './lti/index';
export type * from './reporting/ReportingStore';
export { COMPLETION_DIMENSIONS, ATTENDANCE_DIMENSIONS } from './reporting/ReportingStore';
export type * from './reporting/ProgrammeTarget';
export * from './data/municipalities';
export { DEFAULT_PROGRAMME_TARGETS } from './data/programmeTargets';
export * from './outbox/index';
