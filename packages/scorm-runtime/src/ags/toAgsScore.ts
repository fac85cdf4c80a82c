import type { Attempt } from '@kompetenta/core';
import type { AgsActivityProgress, AgsGradingProgress, AgsScore } from './AgsScore';

/** The attempt fields a score is made of. */
export type AgsScoreSource = Pick<
  Attempt,
  'completionStatus' | 'successStatus' | 'scoreScaled' | 'commitSeq'
>;

/**
 * activityProgress from our attempt: no commit yet → Initialized; committed but neither
 * incomplete nor completed → Started; incomplete → InProgress; completed → Completed.
 */
function activityProgress(attempt: AgsScoreSource): AgsActivityProgress {
  if (attempt.commitSeq <= 0) return 'Initialized';
  if (attempt.completionStatus === 'completed') return 'Completed';
  if (attempt.completionStatus === 'incomplete') return 'InProgress';
  return 'Started';
}

/**
 * gradingProgress (AGS 2.0 Score service): NotReady before the learner has started ("no grading
 * process is occurring"); FullyGraded once a score exists and the outcome is final (the course is
 * completed, or it reported passed/failed — a failed learner is FullyGraded, never `Failed`, which
 * means grading broke); Pending otherwise, where a score present is partial ("may be updated").
 */
function gradingProgress(attempt: AgsScoreSource, activity: AgsActivityProgress): AgsGradingProgress {
  if (activity === 'Initialized') return 'NotReady';
  const final = attempt.completionStatus === 'completed' || attempt.successStatus !== 'unknown';
  return attempt.scoreScaled !== null && final ? 'FullyGraded' : 'Pending';
}

/** Scaled 0..1 → 0..100 with two decimals (clamped: AGS platforms reject negative scores). */
function toHundred(scaled: number): number {
  const clamped = Math.min(1, Math.max(0, scaled));
  return Math.round(clamped * 10000) / 100;
}

/**
 * The AGS score for an attempt: what the gradebook should show for `userId` at `timestamp`
 * (pass the attempt's last activity so scores for one attempt carry increasing timestamps).
 */
export function toAgsScore(attempt: AgsScoreSource, userId: string, timestamp: Date): AgsScore {
  const activity = activityProgress(attempt);
  const base = {
    userId,
    scoreMaximum: 100 as const,
    activityProgress: activity,
    gradingProgress: gradingProgress(attempt, activity),
    timestamp: timestamp.toISOString(),
  };
  return attempt.scoreScaled === null ? base : { ...base, scoreGiven: toHundred(attempt.scoreScaled) };
}

/**
 * True when `after` tells the gradebook something `before` did not (score, progress or user);
 * the timestamp is ignored. A first score (`before` null) always counts as a change.
 */
export function agsScoreChanged(before: AgsScore | null, after: AgsScore): boolean {
  if (before === null) return true;
  return (
    before.userId !== after.userId ||
    before.scoreGiven !== after.scoreGiven ||
    before.scoreMaximum !== after.scoreMaximum ||
    before.activityProgress !== after.activityProgress ||
    before.gradingProgress !== after.gradingProgress
  );
}
