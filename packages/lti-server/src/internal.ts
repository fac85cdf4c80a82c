/**
 * `@kompetenta/lti-server/internal` — what the composition root (`@kompetenta/app`), the
 * benchmarks and the tests use besides the public API: the ltijs services, grade delivery, the mail
 * jobs, check-in links, invitations, attempt tokens, session, CSRF and base-path helpers. For
 * `@kompetenta/app` only: no stability promise, left out of the API reference, may change in any
 * release. Hosts use `@kompetenta/lti-server` (or `createKompetenta` from `@kompetenta/app`).
 * @packageDocumentation
 */
export { contentTypeOf } from './content/contentTypes';
export {
  EXPORT_NAMES,
  PARTICIPANTS_EXPORT,
  readExportRequest,
  scopeFilter,
  type ExportRequest,
} from './exports/exportRequest';
export { streamExport, auditFilter } from './exports/streamExport';
export { exportErrorMiddleware } from './exports/exportErrorMiddleware';
export { RateLimiter } from './exports/RateLimiter';
export { loadDashboard, type DashboardViewer } from './dashboard/loadDashboard';
export { createCheckinLink, checkinQrPng, checkinQrSvg, type CheckinLink } from './checkin/checkinLink';
export {
  CHECKIN_LINK_DEFAULT_HOURS,
  CHECKIN_LINK_MAX_HOURS,
  CHECKIN_SECRET_MIN_BYTES,
} from './checkin/checkinToken';
export { LtijsPlatformServices, type LtijsDatabasePlugin } from './ltijs/LtijsPlatformServices';
export { loadSession } from './session/loadSession';
export { requireAccess, SIGN_IN_PATH } from './session/requireAccess';
export { createSessionRoutes } from './session/sessionRoutes';
export { issueHandoffLink, HANDOFF_PATH } from './session/handoff';
export { principalOf, requirePrincipal, type Principal } from './session/sessionContext';
export { appPath, basePath, basePathOf, cookiePath, useBasePath } from './http/basePath';
export { asHttpAppError } from './http/asHttpAppError';
export { csrfToken, csrfField, hasValidCsrfToken, requireCsrf, CSRF_FIELD, CSRF_HEADER } from './http/csrf';
export { standalonePage, type PageSession } from './standalone/standalonePage';
export { createStandaloneErrorMiddleware } from './standalone/standaloneErrorMiddleware';
export {
  createGradeDelivery,
  GRADE_DELIVERY_DEFAULTS,
  readGradePayload,
  scoresUrl,
  type AgsTokenSource,
  type GradeDeliveryDeps,
  type GradePayload,
} from './ags/index';
export { invitePeople, type InvitationResult } from './standalone/invitePeople';
export { parseInvitationList } from './standalone/parseInvitationList';
export {
  signAttemptToken,
  verifyAttemptToken,
  ATTEMPT_TOKEN_LIFETIME_SECONDS,
  type AttemptTokenClaims,
} from './player/attemptToken';
export { enqueueCompletionMail, courseHours } from './certificate/completionMail';
export { enqueueDueReminders, parseReminderDays } from './certificate/reminders';
export { enqueueAttendanceConfirmation, attendanceMailKey } from './eventMail/attendanceMail';
export { recordEventAttendance } from './launch/recordEventAttendance';
export {
  inviteToEvent,
  eventInvitationKey,
  type EventInvitationInput,
  type EventInvitationResult,
} from './eventMail/inviteToEvent';
export { enqueueStaffDigests, isoWeekOf, type IsoWeek, type StaffDigestRun } from './digest/staffDigest';
export { optOutToken, verifyOptOutToken, OPT_OUT_PATH } from './certificate/mailLinks';
export {
  createCommitEndpoint,
  type CommitEndpointHooks,
  type NodeEndpoint,
} from './player/createCommitEndpoint';
export { serveFirst } from './http/serveFirst';
