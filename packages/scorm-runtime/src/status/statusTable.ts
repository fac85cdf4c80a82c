import type { CompletionStatus, SuccessStatus } from '@kompetenta/core';
import type { LessonStatus12 } from '../scorm12';
import type { CompletionStatus2004, SuccessStatus2004 } from '../scorm2004';

/** Our attempt's status pair. */
export interface AttemptStatus {
  readonly completionStatus: CompletionStatus;
  readonly successStatus: SuccessStatus;
}

/**
 * SCORM 1.2 has one field for both questions. `failed` counts as completed (1.2 LMSs treat it as
 * finished, and our course runtime writes passed/failed only when every lesson is done); `browsed`
 * means looked at without credit, so the course is not completed.
 */
export const lessonStatusMapping12: Readonly<Record<LessonStatus12, AttemptStatus>> = {
  passed: { completionStatus: 'completed', successStatus: 'passed' },
  completed: { completionStatus: 'completed', successStatus: 'unknown' },
  failed: { completionStatus: 'completed', successStatus: 'failed' },
  incomplete: { completionStatus: 'incomplete', successStatus: 'unknown' },
  browsed: { completionStatus: 'incomplete', successStatus: 'unknown' },
  'not attempted': { completionStatus: 'not_attempted', successStatus: 'unknown' },
};

/** SCORM 2004 `cmi.completion_status` → ours (only the spelling of "not attempted" differs). */
export const completionStatusMapping2004: Readonly<Record<CompletionStatus2004, CompletionStatus>> = {
  completed: 'completed',
  incomplete: 'incomplete',
  'not attempted': 'not_attempted',
  unknown: 'unknown',
};

/** SCORM 2004 `cmi.success_status` → ours (same words). */
export const successStatusMapping2004: Readonly<Record<SuccessStatus2004, SuccessStatus>> = {
  passed: 'passed',
  failed: 'failed',
  unknown: 'unknown',
};

/** What a commit without the element means: SCORM's initial values. */
export const initialStatus12: LessonStatus12 = 'not attempted';
export const initialCompletion2004: CompletionStatus2004 = 'unknown';
export const initialSuccess2004: SuccessStatus2004 = 'unknown';

/**
 * Order used to keep the best result when a learner re-enters a finished attempt (a fresh
 * `ab-initio` session writes `incomplete` again): higher wins.
 */
export const completionRank: Readonly<Record<CompletionStatus, number>> = {
  unknown: 0,
  not_attempted: 1,
  incomplete: 2,
  completed: 3,
};
export const successRank: Readonly<Record<SuccessStatus, number>> = { unknown: 0, failed: 1, passed: 2 };
