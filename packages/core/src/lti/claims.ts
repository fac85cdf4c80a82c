/**
 * Every LTI 1.3 / LTI Advantage string Kompetenta uses, named once (house style §8). Values are
 * copied from the IMS specifications: LTI Core 1.3 §5, Deep Linking 2.0, Assignment and Grade
 * Services 2.0, Names and Role Provisioning Services 2.0.
 */

const LTI = 'https://purl.imsglobal.org/spec/lti';

/** Claim names of the id_token of an LTI message (LTI Core 1.3 §5.3–5.4). */
export const LTI_CLAIMS = {
  messageType: `${LTI}/claim/message_type`,
  version: `${LTI}/claim/version`,
  deploymentId: `${LTI}/claim/deployment_id`,
  targetLinkUri: `${LTI}/claim/target_link_uri`,
  resourceLink: `${LTI}/claim/resource_link`,
  roles: `${LTI}/claim/roles`,
  context: `${LTI}/claim/context`,
  toolPlatform: `${LTI}/claim/tool_platform`,
  launchPresentation: `${LTI}/claim/launch_presentation`,
  custom: `${LTI}/claim/custom`,
  lis: `${LTI}/claim/lis`,
  roleScopeMentor: `${LTI}/claim/role_scope_mentor`,
  /** Deep Linking 2.0. */
  deepLinkingSettings: `${LTI}-dl/claim/deep_linking_settings`,
  deepLinkingContentItems: `${LTI}-dl/claim/content_items`,
  deepLinkingData: `${LTI}-dl/claim/data`,
  /** Assignment and Grade Services 2.0. */
  agsEndpoint: `${LTI}-ags/claim/endpoint`,
  /** Names and Role Provisioning Services 2.0. */
  nrpsService: `${LTI}-nrps/claim/namesroleservice`,
} as const;

/** The LTI version this tool speaks: the only accepted value of the version claim. */
export const LTI_VERSION = '1.3.0';

/** Message types (the `message_type` claim). */
export const LTI_MESSAGE_TYPES = {
  resourceLink: 'LtiResourceLinkRequest',
  deepLinkingRequest: 'LtiDeepLinkingRequest',
  deepLinkingResponse: 'LtiDeepLinkingResponse',
} as const;

/** An LTI message type, as carried in the `message_type` claim: one of {@link LTI_MESSAGE_TYPES}. */
export type LtiMessageType = (typeof LTI_MESSAGE_TYPES)[keyof typeof LTI_MESSAGE_TYPES];

/** OAuth 2 scopes of the LTI Advantage services. */
export const LTI_SCOPES = {
  agsLineItem: `${LTI}-ags/scope/lineitem`,
  agsLineItemReadOnly: `${LTI}-ags/scope/lineitem.readonly`,
  agsResultReadOnly: `${LTI}-ags/scope/result.readonly`,
  agsScore: `${LTI}-ags/scope/score`,
  nrpsMembershipReadOnly: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Context types (the `type` of the context claim, LTI Core 1.3 Appendix C). */
export const LTI_CONTEXT_TYPES = {
  courseOffering: 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering',
  group: 'http://purl.imsglobal.org/vocab/lis/v2/course#Group',
} as const;

/** Content item types of a Deep Linking response (Deep Linking 2.0 §3). */
export const LTI_CONTENT_ITEM_TYPES = {
  resourceLink: 'ltiResourceLink',
} as const;

/** The custom parameter of a resource link that names the course (DESIGN.md §5). */
export const LTI_COURSE_PARAMETER = 'course';
