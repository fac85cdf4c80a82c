export { createPrivacyRouter, PRIVACY_ERASE_PATH, type PrivacyDeps } from './createPrivacyRouter';
