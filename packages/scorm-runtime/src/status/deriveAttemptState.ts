import type { Attempt, CmiData, CompletionStatus, SuccessStatus } from '@kompetenta/core';
import { isScorm12, type CmiVersion } from '../versions';
import { isoDurationSeconds, timespan12Seconds } from './durations';
import { scoreScaled12, scoreScaled2004 } from './scoreScaled';
import {
  completionRank,
  completionStatusMapping2004,
  initialCompletion2004,
  initialStatus12,
  initialSuccess2004,
  lessonStatusMapping12,
  successRank,
  successStatusMapping2004,
  type AttemptStatus,
} from './statusTable';

/** The fields of our attempt that a commit decides. */
export type DerivedAttemptState = Pick<
  Attempt,
  'completionStatus' | 'successStatus' | 'scoreScaled' | 'totalTimeSeconds'
>;

/**
 * The attempt before this commit. `totalTimeSeconds` is required; pass the stored attempt itself
 * and its status and score are kept when better than what a later session reports (best result).
 */
export interface AttemptStateBefore {
  readonly totalTimeSeconds: number;
  readonly completionStatus?: CompletionStatus;
  readonly successStatus?: SuccessStatus;
  readonly scoreScaled?: number | null;
}

function lookup<K extends string, V>(table: Readonly<Record<K, V>>, key: unknown, fallback: K): V {
  const known = typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
  return table[known ? (key as K) : fallback];
}

/** Status from the CMI alone, through the mapping tables in statusTable.ts. */
export function cmiStatus(version: CmiVersion, cmi: CmiData): AttemptStatus {
  if (isScorm12(version)) {
    return lookup(lessonStatusMapping12, cmi['cmi.core.lesson_status'], initialStatus12);
  }
  return {
    completionStatus: lookup(
      completionStatusMapping2004,
      cmi['cmi.completion_status'],
      initialCompletion2004,
    ),
    successStatus: lookup(successStatusMapping2004, cmi['cmi.success_status'], initialSuccess2004),
  };
}

/**
 * Total time the commit reports, in seconds, or null when it reports none. scorm-again sends
 * `cmi.total_time` (2004) / `cmi.core.total_time` (1.2) only on the Terminate/LMSFinish commit
 * (or on every commit with `alwaysSendTotalTime`), computed as the total it loaded plus this
 * session's time; intermediate commits carry only session_time, which cannot be added without
 * counting it twice on the next commit.
 */
export function reportedTotalTimeSeconds(version: CmiVersion, cmi: CmiData): number | null {
  const value = cmi[isScorm12(version) ? 'cmi.core.total_time' : 'cmi.total_time'];
  if (typeof value !== 'string' || value === '') return null;
  return isScorm12(version) ? timespan12Seconds(value) : isoDurationSeconds(value);
}

/**
 * Our attempt's derived fields from a validated commit. Total time is the larger of the stored
 * total and the total the commit reports (never backwards, e.g. when a second tab that loaded an
 * older total terminates later). When `previous` carries status and score (pass the stored
 * attempt), the better of old and new is kept, so re-entering a completed attempt — where the
 * course starts afresh and writes `incomplete` — never takes a grade back.
 */
export function deriveAttemptState(
  version: CmiVersion,
  cmi: CmiData,
  previous: AttemptStateBefore,
): DerivedAttemptState {
  const status = cmiStatus(version, cmi);
  const score = isScorm12(version) ? scoreScaled12(cmi) : scoreScaled2004(cmi);
  const reported = reportedTotalTimeSeconds(version, cmi);
  const before = previous.completionStatus;
  const successBefore = previous.successStatus;
  const scoreBefore = previous.scoreScaled ?? null;
  return {
    completionStatus:
      before !== undefined && completionRank[before] > completionRank[status.completionStatus]
        ? before
        : status.completionStatus,
    successStatus:
      successBefore !== undefined && successRank[successBefore] > successRank[status.successStatus]
        ? successBefore
        : status.successStatus,
    scoreScaled: score === null ? scoreBefore : scoreBefore === null ? score : Math.max(score, scoreBefore),
    totalTimeSeconds: Math.max(previous.totalTimeSeconds, Math.round(reported ?? 0)),
  };
}
