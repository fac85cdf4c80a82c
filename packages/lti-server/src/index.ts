/**
 * @kompetenta/lti-server — the LTI 1.3 tool: OIDC login, secure launch, the tool's JWKS and the
 * pages a launch lands on, as Express routers a host application mounts.
 *
 * The public API: {@link createLtiRouter} (or {@link createApp}, the same router in an Express app
 * of its own) and the routers of the other Kompetenta pages — course content, the staff dashboard,
 * the export API, standalone sign-in, check-in, privacy erasure and the profile page — with their
 * dependency and option types. Most hosts get all of them wired at once from
 * `createKompetenta` in `@kompetenta/app`. What only that composition root needs (ltijs services,
 * grade delivery, mail jobs, tokens, session helpers) is in `@kompetenta/lti-server/internal`:
 * no stability promise.
 * @packageDocumentation
 */
export { createLtiRouter } from './createLtiRouter';
export { createApp } from './createApp';
export { LTI_PATHS, type LtiLogger, type LtiRouterDeps, type LtiRouterOptions } from './LtiRouterOptions';
export type { RosterMember } from './ltijs/LtijsPlatformServices';
export { CONTENT_PATH, createContentRouter } from './content/contentRouter';
export type { CourseContentFile, CourseContentSource } from './content/CourseContentSource';
export { createDashboardRouter } from './dashboard/createDashboardRouter';
export type { DashboardRouterDeps, DashboardRouterOptions } from './dashboard/DashboardRouterDeps';
export type { DashboardDeps } from './dashboard/loadDashboard';
export { createExportRouter, EXPORT_API_PATH } from './exports/createExportRouter';
export type { ExportDeps, ExportRouterOptions } from './exports/ExportDeps';
export type { ExportPrincipal } from './exports/ExportPrincipal';
export { createStandaloneRouter } from './standalone/createStandaloneRouter';
export type { StandaloneDeps, StandaloneOptions } from './standalone/StandaloneOptions';
export type { WebSessionDeps, WebSessionOptions } from './session/WebSessionOptions';
export { createCheckinRouter } from './checkin/createCheckinRouter';
export type { CheckinSettings } from './checkin/CheckinSettings';
export { CHECKIN_PATH } from './checkin/checkinToken';
export { createPrivacyRouter, PRIVACY_ERASE_PATH, type PrivacyDeps } from './privacy/createPrivacyRouter';
export { createProfileRouter, PROFILE_PATH } from './profile/createProfileRouter';
