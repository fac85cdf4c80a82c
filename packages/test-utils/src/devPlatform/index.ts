export {
  createDevPlatform,
  DEV_PLATFORM_PATH,
  DEV_STORAGE_FRAME,
  type DevPlatform,
  type DevPlatformOptions,
} from './createDevPlatform';
export type { DevCourse } from './devPages';
