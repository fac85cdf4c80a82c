/** The SCORM edition an attempt is played with: SCORM 1.2 or SCORM 2004 (4th edition). */
export type ScormVersion = '1.2' | '2004';
/**
 * Whether the learner finished the content, normalised across SCORM versions (SCORM 2004
 * `cmi.completion_status`, derived from `cmi.core.lesson_status` for 1.2).
 */
export type CompletionStatus = 'not_attempted' | 'incomplete' | 'completed' | 'unknown';
/**
 * Whether the learner passed, normalised across SCORM versions (SCORM 2004 `cmi.success_status`,
 * derived from `cmi.core.lesson_status` for 1.2); `unknown` until the course reports it.
 */
export type SuccessStatus = 'passed' | 'failed' | 'unknown';

/** Plain JSON as stored for the CMI data model. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** The CMI data model of an attempt as a JSON object, in the shape the player commits it. */
export type CmiData = { [key: string]: JsonValue };

/**
 * One person's attempt at one course version in one organisation. The CMI is kept as sent
 * (validated) and the fields the reports need are derived from it on every commit.
 */
export interface Attempt {
  readonly id: string;
  readonly organisationId: string;
  readonly personId: string;
  readonly courseVersionId: string;
  /** LTI resource link the attempt was launched from, if any (the platform's id string). */
  readonly resourceLinkId: string | null;
  /**
   * Our `lti_resource_links` row of the link the attempt was last launched from: its grade target
   * (AGS line item) and roster, kept for as long as the attempt lives.
   */
  readonly ltiResourceLinkId: string | null;
  readonly scormVersion: ScormVersion;
  readonly cmi: CmiData;
  /** Highest commit sequence number applied; commits with a lower or equal number change nothing. */
  readonly commitSeq: number;
  readonly completionStatus: CompletionStatus;
  readonly successStatus: SuccessStatus;
  /** Scaled score 0..1, when the course reported one. */
  readonly scoreScaled: number | null;
  readonly totalTimeSeconds: number;
  readonly startedAt: Date;
  readonly lastActivityAt: Date;
  readonly completedAt: Date | null;
}

/**
 * What starting an attempt needs: who, in which organisation, at which course version and SCORM
 * version; the two link ids are null (or left out) for a launch that did not come through LTI.
 */
export interface NewAttempt {
  readonly organisationId: string;
  readonly personId: string;
  readonly courseVersionId: string;
  readonly resourceLinkId?: string | null;
  readonly ltiResourceLinkId?: string | null;
  readonly scormVersion: ScormVersion;
}

/** Where a resumed attempt continues: the course version it now plays and the link it came from. */
export interface AttemptResume {
  /** A version with the same `trackingMajor` as the attempt's, so its saved progress still fits. */
  readonly courseVersionId: string;
  /** Null keeps the link the attempt has. */
  readonly ltiResourceLinkId: string | null;
  readonly resourceLinkId: string | null;
}

/** A validated commit from the player, with the values derived from its CMI. */
export interface AttemptCommit {
  readonly attemptId: string;
  readonly organisationId: string;
  readonly seq: number;
  readonly cmi: CmiData;
  readonly completionStatus: CompletionStatus;
  readonly successStatus: SuccessStatus;
  readonly scoreScaled: number | null;
  readonly totalTimeSeconds: number;
}

/** Whether a commit was applied or ignored as stale (idempotency). */
export type CommitOutcome =
  | { readonly applied: true; readonly attempt: Attempt }
  | { readonly applied: false; readonly attempt: Attempt };

/** An attempt without its CMI: what a commit is checked and derived against (cheap to read). */
export type AttemptSummary = Omit<Attempt, 'cmi'>;

/** The grade outbox row a conditional commit writes with it (player contract, topic `grade`). */
export interface CommitGrade {
  readonly idempotencyKey: string;
  readonly orderingKey: string;
  /**
   * The AGS score without `userId` and `timestamp`: the store adds the person's LTI subject and the
   * stored last activity, and writes the row only when the attempt's link has an AGS line item and
   * the person an LTI subject.
   */
  readonly score: { readonly [key: string]: JsonValue };
}

/**
 * A validated commit applied only if the attempt is still as the caller read it (`expectedSeq`,
 * the stored commit sequence it was derived from) and still the person's.
 */
export interface ConditionalAttemptCommit extends AttemptCommit {
  readonly personId: string;
  readonly expectedSeq: number;
  readonly grade: CommitGrade | null;
}
