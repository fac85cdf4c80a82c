export {
  PlatformEmulator,
  type PlatformEmulatorOptions,
  type EmulatedUser,
  type LaunchPlan,
} from './PlatformEmulator';
export { parseAutoPostForm, renderAutoPostForm } from './autoPostForm';
