export { createProfileRouter, PROFILE_PATH } from './createProfileRouter';
