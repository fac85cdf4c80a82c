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
import { boundedMapPerOwner } from '../support/boundedMap';

/** A commit that passed the token and shape checks. */
export interface LearnerCommit {
  readonly claims: AttemptTokenClaims;
  readonly seq: number;
  readonly cmi: unknown;
}

/** Stale reads a commit retries before it takes the attempt's row lock instead (two busy tabs). */
const OPTIMISTIC_TRIES = 3;

/** Attempts whose last stored summary this process keeps, per `Stores` (the oldest dropped first). */
export const STORED_SUMMARY_CACHE_SIZE = 10_000;

/**
 * The summary of each attempt as this process last stored it (the conditional statement's
 * RETURNING), so a page's next commit can skip the read: it is derived from that summary and
 * written with the same conditional statement, which matches only while the attempt is still at
 * that `commit_seq`, in the token's organisation and person. Whatever moved the attempt meanwhile
 * (another tab, another instance, the locked path) makes it match nothing, and the commit reads
 * afresh as before. The one field other writes change without a commit — the attempt's resource
 * link, on a relaunch — is not trusted from here: the grade row is then left for the statement
 * to decide from the stored link. Per process and per `Stores`; nothing depends on it being there.
 */
const summaries = boundedMapPerOwner<Stores, string, AttemptSummary>(STORED_SUMMARY_CACHE_SIZE);

function remember(stores: Stores, summary: AttemptSummary): void {
  summaries(stores).set(summary.id, summary);
}

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
function gradeFor(
  before: AttemptSummary,
  after: AttemptSummary,
  /** False when `after.ltiResourceLinkId` may be stale: the statement decides from the stored link. */
  linkKnown = true,
): CommitGrade | null {
  if (linkKnown && !after.ltiResourceLinkId) return null;
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
    // The summary this process stored last, only for a commit that moves it forward; anything
    // else (a repeat, another person or organisation, a retry) reads the attempt.
    const remembered = tries === 0 ? summaries(stores).get(attemptId) : undefined;
    const cached =
      remembered !== undefined &&
      remembered.organisationId === organisationId &&
      remembered.personId === personId &&
      commit.seq > remembered.commitSeq;
    const before = cached
      ? remembered
      : await stores.attempts.getSummary(organisationId, attemptId).catch(notFoundAsAttempt(attemptId));
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
    const grade = gradeFor(before, { ...before, ...state, commitSeq: commit.seq }, !cached);
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
    if (stored) {
      remember(stores, stored.attempt);
      return { applied: true, graded: stored.graded };
    }
    summaries(stores).delete(attemptId);
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
 * conditional write (`applyOptimistically`), in one when this process stored the attempt's previous
 * commit (the conditional write checks that nothing moved it since); a first completion with the
 * completion e-mail, or a commit that keeps losing to another tab's, goes the locked way
 * (`applyLocked`). All give the same result.
 */
export async function applyLearnerCommit(
  stores: Stores,
  attemptId: string,
  commit: LearnerCommit,
  /** The base of the certificate link in the completion e-mail. */
  publicUrl: string,
): Promise<Outcome> {
  const optimistic = await applyOptimistically(stores, attemptId, commit);
  if (optimistic) return optimistic;
  // The locked path moves the attempt past any remembered summary: forget it.
  summaries(stores).delete(attemptId);
  return applyLocked(stores, attemptId, commit, publicUrl);
}
