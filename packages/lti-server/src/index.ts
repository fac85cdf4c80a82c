/**
 * @kompetenta/lti-server — the LTI 1.3 tool: OIDC login, secure launch, the tool's JWKS and the
 * pages a launch lands on.
 * @packageDocumentation
 */
export { createLtiRouter } from './createLtiRouter';
export { createApp } from './createApp';
export { CONTENT_PATH, createContentRouter } from './content/contentRouter';
export type { CourseContentFile, CourseContentSource } from './content/CourseContentSource';
export { contentTypeOf } from './content/contentTypes';
export * from './exports/index';
export { createDashboardRouter } from './dashboard/createDashboardRouter';
export { loadDashboard, type DashboardDeps, type DashboardViewer } from './dashboard/loadDashboard';
export type { DashboardRouterDeps, DashboardRouterOptions } from './dashboard/DashboardRouterDeps';
export * from './checkin/index';
export * from './privacy/index';
export * from './profile/index';
export { LTI_PATHS, type LtiLogger, type LtiRouterDeps, type LtiRouterOptions } from './LtiRouterOptions';
export {
  LtijsPlatformServices,
  type LtijsDatabasePlugin,
  type RosterMember,
} from './ltijs/LtijsPlatformServices';
export { loadSession } from './session/loadSession';
export { requireAccess, SIGN_IN_PATH } from './session/requireAccess';
export { createSessionRoutes } from './session/sessionRoutes';
export { issueHandoffLink, HANDOFF_PATH } from './session/handoff';
export { principalOf, requirePrincipal, type Principal } from './session/sessionContext';
export type { WebSessionDeps, WebSessionOptions } from './session/WebSessionOptions';
export { appPath, basePath, basePathOf, cookiePath, useBasePath } from './http/basePath';
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
export { createStandaloneRouter } from './standalone/createStandaloneRouter';
export type { StandaloneDeps, StandaloneOptions } from './standalone/StandaloneOptions';
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
