/**
 * @kompetenta/scorm-runtime — SCORM 1.2 and 2004 data model constants, vocabularies and value
 * formats as data tables; commit validation, the status mapping to our attempt and the AGS score.
 * No DOM, no Node I/O: used by the content runtime in the browser and by the server.
 * @packageDocumentation
 */
export * from './versions';
export * from './scorm12';
export * from './scorm2004';
export * from './interactions';
export {
  validateCmiCommit,
  maxCommitElements,
  type CmiProblem,
  type CmiValidationResult,
} from './commit/validateCmiCommit';
export { isLmsOwnedElement } from './commit/elementTable';
export { interactionTypes12 } from './commit/elements12';
export { interactionTypes2004 } from './commit/elements2004';
export {
  deriveAttemptState,
  cmiStatus,
  reportedTotalTimeSeconds,
  type AttemptStateBefore,
  type DerivedAttemptState,
} from './status/deriveAttemptState';
export {
  lessonStatusMapping12,
  completionStatusMapping2004,
  successStatusMapping2004,
  type AttemptStatus,
} from './status/statusTable';
export { scoreScaled12, scoreScaled2004 } from './status/scoreScaled';
export {
  isoDurationSeconds,
  timespan12Seconds,
  secondsToIsoDuration,
  secondsToTimespan12,
} from './status/durations';
export { initialCmiForLaunch, type LaunchLearner } from './launch/initialCmiForLaunch';
export type { AgsScore, AgsActivityProgress, AgsGradingProgress } from './ags/AgsScore';
export { toAgsScore, agsScoreChanged, type AgsScoreSource } from './ags/toAgsScore';
