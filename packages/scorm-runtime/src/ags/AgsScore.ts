/** LTI AGS `activityProgress` values we send (AGS 2.0, Score service). */
export type AgsActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Completed';

/**
 * LTI AGS `gradingProgress` values we send. `Failed` is deliberately absent: in AGS it means the
 * grading process broke, not that the learner failed the course.
 */
export type AgsGradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'NotReady';

/** The body of an AGS score POST (`application/vnd.ims.lis.v1.score+json`). */
export interface AgsScore {
  /** The learner's LTI `sub` on the platform. */
  readonly userId: string;
  /** Score on the 0..100 scale, two decimals; absent while the course has reported none. */
  readonly scoreGiven?: number;
  readonly scoreMaximum: 100;
  readonly activityProgress: AgsActivityProgress;
  readonly gradingProgress: AgsGradingProgress;
  /** ISO 8601 with milliseconds; platforms ignore a score older than the last one they took. */
  readonly timestamp: string;
}
