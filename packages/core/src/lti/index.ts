export {
  LTI_CLAIMS,
  LTI_VERSION,
  LTI_MESSAGE_TYPES,
  LTI_SCOPES,
  LTI_COURSE_PARAMETER,
  LTI_CONTEXT_TYPES,
  LTI_CONTENT_ITEM_TYPES,
  type LtiMessageType,
} from './claims';
export { LTI_ROLES, isStaffRole } from './roles';
export type { LtiLoginState, ToolKey } from './LtiLoginState';
export type { LtiLoginStateStore, ToolKeyStore, DeepLinkSessionStore, LtiStores } from './ports';
export type { DeepLinkSession } from './DeepLinkSession';
export { LTI_REGISTRATION } from './registration';
