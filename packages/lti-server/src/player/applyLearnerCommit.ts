import { AppError, isAppError, type Attempt, type CmiData, type Stores } from '@kompetenta/core';
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

/**
 * The grade outbox row for an applied commit, when the gradebook should hear about it (player
 * contract): only when the AGS score changed (or it is the first commit) and the attempt has a
 * grade target, i.e. its resource link has an AGS line item URL. Written in the commit's transaction.
 */
async function enqueueGradeIfChanged(stores: Stores, before: Attempt, after: Attempt): Promise<boolean> {
  if (!after.ltiResourceLinkId) return false;
  // Compared for the same user first: the person and link are read only when the score moved.
  const previous = before.commitSeq === 0 ? null : toAgsScore(before, '', before.lastActivityAt);
  if (!agsScoreChanged(previous, toAgsScore(after, '', after.lastActivityAt))) return false;
  const link = await stores.resourceLinks.get(after.organisationId, after.ltiResourceLinkId);
  if (!link.agsLineItemUrl) return false;
  const person = await stores.people.get(after.organisationId, after.personId);
  if (!person.ltiSubject) return false;
  await stores.outbox.enqueue({
    topic: 'grade',
    idempotencyKey: `grade:${after.id}:${after.commitSeq}`,
    orderingKey: `grade:${after.id}`,
    organisationId: after.organisationId,
    payload: {
      attemptId: after.id,
      platformId: link.platformId,
      lineItemUrl: link.agsLineItemUrl,
      score: { ...toAgsScore(after, person.ltiSubject, after.lastActivityAt) },
    },
  });
  return true;
}

/**
 * Applies a learner's commit in ONE transaction: the attempt row is read under a lock (so two tabs
 * committing at once compare their score with what is really stored before them), a commit whose
 * `seq` is not above the stored one changes nothing (repeats and out-of-order commits are answered
 * as success: idempotent), the CMI is validated against the attempt's own SCORM version, the
 * derived status, score and time are stored with it, and the grade outbox row is written with it —
 * as is the completion confirmation (standalone learners, first completion only; LTI learners get
 * theirs from the LMS). Any rejection rolls everything back.
 */
export async function applyLearnerCommit(
  stores: Stores,
  attemptId: string,
  commit: LearnerCommit,
  /** The base of the certificate link in the completion e-mail. */
  publicUrl: string,
): Promise<{ applied: boolean; graded: boolean }> {
  const { organisationId, personId } = commit.claims;
  return stores.transaction(async (trx) => {
    const before = await trx.attempts
      .get(organisationId, attemptId, { forUpdate: true })
      .catch((error: unknown) => {
        throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
          ? new AppError('ATTEMPT_NOT_FOUND', undefined, { attemptId })
          : error;
      });
    if (before.personId !== personId) throw new AppError('ATTEMPT_TOKEN_MISMATCH', undefined, { attemptId });
    const validation = validateCmiCommit(before.scormVersion, commit.cmi);
    if (!validation.ok)
      throw new AppError('ATTEMPT_CMI_INVALID', undefined, {
        problems: validation.problems.map((p) => ({ ...p })),
      });
    if (commit.seq <= before.commitSeq) return { applied: false, graded: false };
    const cmi: CmiData = validation.cmi;
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
