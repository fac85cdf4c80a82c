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
export { LTI_PATHS, type LtiLogger, type LtiRouterDeps, type LtiRouterOptions } from './LtiRouterOptions';
export {
  LtijsPlatformServices,
  type LtijsDatabasePlugin,
  type RosterMember,
} from './ltijs/LtijsPlatformServices';
export {
  createGradeDelivery,
  GRADE_DELIVERY_DEFAULTS,
  readGradePayload,
  scoresUrl,
  type AgsTokenSource,
  type GradeDeliveryDeps,
  type GradePayload,
} from './ags/index';
