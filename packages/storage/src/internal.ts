/**
 * `@kompetenta/storage/internal` — parts the shared contract suites in `@kompetenta/test-utils`
 * use besides the public API. Not for applications: no stability promise, left out of the API
 * reference, may change in any release.
 * @packageDocumentation
 */
export { SecretBox } from './lti/SecretBox';
export { LTIJS_COLLECTION_TTL_SECONDS } from './lti/KnexLtijsDatabase';
export { PARTICIPANT_PAGE_SIZE } from './stores/participantRecords';
