export {
  PlatformEmulator,
  type PlatformEmulatorOptions,
  type EmulatedUser,
  type LaunchPlan,
} from './PlatformEmulator';
export { parseAutoPostForm, renderAutoPostForm } from './autoPostForm';
export { EmulatedAgs, type EmulatedLineItem, type IgnoredScore, type ReceivedScore } from './EmulatedAgs';
