import {
  AppError,
  isAppError,
  type AttemptSummary,
  type CmiData,
  type CommitGrade,
  type Person,
  type Stores,
} from '@kompetenta/core';
import {
  agsScoreChanged,
  deriveAttemptState,
  toAgsScore,
  validateCmiCommit,
} from '@kompetenta/scorm-runtime';
import { enqueueCompletionMail } from '../certificate/completionMail';
import type { AttemptTokenClaims } from './attemptToken';

/** A commit that passed the token and shape checks. */
export interface LearnerCommit {
  readonly claims: AttemptTokenClaims;
  readonly seq: number;
  readonly cmi: unknown;
}

/** Stale reads a commit retries before it takes the attempt's row lock instead (two busy tabs). */
const OPTIMISTIC_TRIES = 3;

type Outcome = { applied: boolean; graded: boolean };

function notFoundAsAttempt(attemptId: string): (error: unknown) => never {
  return (error: unknown) => {
    throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
      ? new AppError('ATTEMPT_NOT_FOUND', undefined, { attemptId })
      : error;
  };
}

/**
 * Whether `enqueueCompletionMail` would write a completion e-mail for this person (the same rule:
 * standalone, with an address, not erased). Who does not get one completes without the locked path.
 */
function getsCompletionMail(person: Person): boolean {
  return person.email !== null && person.ltiSubject === null && person.erasedAt === null;
}

/** The checks every commit passes, in this order, against the attempt as read. */
function checkCommit(before: AttemptSummary, attemptId: string, commit: LearnerCommit): CmiData {
  if (before.personId !== commit.claims.personId)
    throw new AppError('ATTEMPT_TOKEN_MISMATCH', undefined, { attemptId });
  const validation = validateCmiCommit(before.scormVersion, commit.cmi);
  if (!validation.ok)
    throw new AppError('ATTEMPT_CMI_INVALID', undefined, {
      problems: validation.problems.map((p) => ({ ...p })),
    });
  return validation.cmi;
}

/**
 * The grade outbox row a commit from `before` to `after` needs (player contract): only when the
 * AGS score changed (or it is the first commit) and the attempt has a resource link; the row is
 * written only if that link has an AGS line item URL and the person an LTI subject.
 */
function gradeFor(before: AttemptSummary, after: AttemptSummary): CommitGrade | null {
  if (!after.ltiResourceLinkId) return null;
  const previous = before.commitSeq === 0 ? null : toAgsScore(before, '', before.lastActivityAt);
  const next = toAgsScore(after, '', after.lastActivityAt);
  if (!agsScoreChanged(previous, next)) return null;
  // The user and the timestamp are filled in where the row is written (see CommitGrade).
  const score: CommitGrade['score'] = {
    scoreMaximum: next.scoreMaximum,
    activityProgress: next.activityProgress,
    gradingProgress: next.gradingProgress,
    ...(next.scoreGiven === undefined ? {} : { scoreGiven: next.scoreGiven }),
  };
  return { idempotencyKey: `grade:${after.id}:${after.commitSeq}`, orderingKey: `grade:${after.id}`, score };
}

/** The grade row of the locked path: the link and person are read only when the score moved. */
async function enqueueGradeIfChanged(
  stores: Stores,
  before: AttemptSummary,
  after: AttemptSummary,
): Promise<boolean> {
  const grade = gradeFor(before, after);
  if (!grade || !after.ltiResourceLinkId) return false;
  const link = await stores.resourceLinks.get(after.organisationId, after.ltiResourceLinkId);
  if (!link.agsLineItemUrl) return false;
  const person = await stores.people.get(after.organisationId, after.personId);
  if (!person.ltiSubject) return false;
  await stores.outbox.enqueue({
    topic: 'grade',
    idempotencyKey: grade.idempotencyKey,
    orderingKey: grade.orderingKey,
    organisationId: after.organisationId,
    payload: {
      attemptId: after.id,
      platformId: link.platformId,
      lineItemUrl: link.agsLineItemUrl,
      score: { ...grade.score, userId: person.ltiSubject, timestamp: after.lastActivityAt.toISOString() },
    },
  });
  return true;
}

/**
 * The common case in two round trips and no lock held in between: read the attempt (without its
 * CMI), check and derive, then one conditional statement that stores the commit and its grade row
 * only if no other commit came in between. Null: it did, too often — take the locked path.
 */
async function applyOptimistically(
  stores: Stores,
  attemptId: string,
  commit: LearnerCommit,
): Promise<Outcome | null> {
  const { organisationId, personId } = commit.claims;
  /** Whether this person gets a completion e-mail; read once, when a first completion comes. */
  let mailed: boolean | undefined;
  for (let tries = 0; tries < OPTIMISTIC_TRIES; tries += 1) {
    const before = await stores.attempts
      .getSummary(organisationId, attemptId)
      .catch(notFoundAsAttempt(attemptId));
    const cmi = checkCommit(before, attemptId, commit);
    if (commit.seq <= before.commitSeq) return { applied: false, graded: false };
    const state = deriveAttemptState(before.scormVersion, cmi, before);
    // A first completion of a person who gets the completion e-mail enqueues it, which reads
    // more: the locked path. Anyone else (every LTI learner) completes here too.
    if (before.completedAt === null && state.completionStatus === 'completed') {
      mailed ??= getsCompletionMail(
        await stores.people.get(organisationId, personId).catch(notFoundAsAttempt(attemptId)),
      );
      if (mailed) return null;
    }
    const grade = gradeFor(before, { ...before, ...state, commitSeq: commit.seq });
    const stored = await stores.attempts.applyCommitIfUnchanged({
      attemptId,
      organisationId,
      personId,
      expectedSeq: before.commitSeq,
      seq: commit.seq,
      cmi,
      ...state,
      grade,
    });
    if (stored) return { applied: true, graded: stored.graded };
  }
  return null;
}

/**
 * Applies a learner's commit in ONE transaction, with the row locked: a commit whose `seq` is not
 * above the stored one changes nothing (repeats and out-of-order commits are answered as success:
 * idempotent), the CMI is validated against the attempt's own SCORM version, the derived status,
 * score and time are stored with it, and the grade outbox row is written with it — as is the
 * completion confirmation (standalone learners, first completion only; LTI learners get theirs
 * from the LMS). Any rejection rolls everything back.
 */
async function applyLocked(
  stores: Stores,
  attemptId: string,
  commit: LearnerCommit,
  publicUrl: string,
): Promise<Outcome> {
  const { organisationId } = commit.claims;
  return stores.transaction(async (trx) => {
    const before = await trx.attempts
      .get(organisationId, attemptId, { forUpdate: true })
      .catch(notFoundAsAttempt(attemptId));
    const cmi = checkCommit(before, attemptId, commit);
    if (commit.seq <= before.commitSeq) return { applied: false, graded: false };
    const state = deriveAttemptState(before.scormVersion, cmi, before);
    const outcome = await trx.attempts.applyCommit({
      attemptId,
      organisationId,
      seq: commit.seq,
      cmi,
      ...state,
    });
    if (!outcome.applied) return { applied: false, graded: false };
    if (before.completedAt === null && outcome.attempt.completedAt !== null)
      await enqueueCompletionMail(trx, outcome.attempt, publicUrl);
    return { applied: true, graded: await enqueueGradeIfChanged(trx, before, outcome.attempt) };
  });
}

/**
 * Applies a learner's commit (player contract): checked against the attempt as stored (the token's
 * person, the data model of the attempt's SCORM version), idempotent (a `seq` not above the stored
 * one changes nothing and is answered as success), stored with its derived status, score and time
 * and with its grade outbox row in the same transaction. Usually in two round trips with a
 * conditional write (`applyOptimistically`); a first completion, or a commit that keeps losing to
 * another tab's, goes the locked way (`applyLocked`). Both give the same result.
 */
export async function applyLearnerCommit(
  stores: Stores,
  attemptId: string,
  commit: LearnerCommit,
  /** The base of the certificate link in the completion e-mail. */
  publicUrl: string,
): Promise<Outcome> {
  return (
    (await applyOptimistically(stores, attemptId, commit)) ??
    (await applyLocked(stores, attemptId, commit, publicUrl))
  );
}
