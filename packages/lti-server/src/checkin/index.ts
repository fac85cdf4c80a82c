export type { CheckinSettings } from './CheckinSettings';
export { createCheckinLink, checkinQrPng, checkinQrSvg, type CheckinLink } from './checkinLink';
export {
  CHECKIN_LINK_DEFAULT_HOURS,
  CHECKIN_LINK_MAX_HOURS,
  CHECKIN_PATH,
  CHECKIN_SECRET_MIN_BYTES,
} from './checkinToken';
export { createCheckinRouter } from './createCheckinRouter';
