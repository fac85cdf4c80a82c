import { AppError } from '@kompetenta/core';
import type { AgsScore } from '@kompetenta/scorm-runtime';

/** The payload of an outbox message of topic `grade` (player contract, issue 6). */
export interface GradePayload {
  readonly attemptId: string;
  readonly platformId: string;
  /** The AGS line item URL from the launch's endpoint claim; scores go to `<lineItemUrl>/scores`. */
  readonly lineItemUrl: string;
  readonly score: AgsScore;
}

const ACTIVITY = ['Initialized', 'Started', 'InProgress', 'Completed'];
const GRADING = ['FullyGraded', 'Pending', 'PendingManual', 'NotReady'];
const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scoreProblems(score: unknown): string[] {
  if (!isRecord(score)) return ['score: must be an object'];
  const problems: string[] = [];
  if (typeof score.userId !== 'string' || score.userId === '')
    problems.push('score.userId: must be a non-empty string');
  if (score.scoreMaximum !== 100) problems.push('score.scoreMaximum: must be 100');
  const given = score.scoreGiven;
  if (
    given !== undefined &&
    (typeof given !== 'number' || !Number.isFinite(given) || given < 0 || given > 100)
  )
    problems.push('score.scoreGiven: must be a number from 0 to 100 when present');
  if (!ACTIVITY.includes(String(score.activityProgress)))
    problems.push(`score.activityProgress: must be one of ${ACTIVITY.join(', ')}`);
  if (!GRADING.includes(String(score.gradingProgress)))
    problems.push(`score.gradingProgress: must be one of ${GRADING.join(', ')}`);
  if (
    typeof score.timestamp !== 'string' ||
    !ISO_WITH_MS.test(score.timestamp) ||
    Number.isNaN(Date.parse(score.timestamp))
  )
    problems.push('score.timestamp: must be an ISO 8601 time with milliseconds');
  return problems;
}

function urlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'lineItemUrl: must be a string';
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? undefined
      : 'lineItemUrl: must be an http(s) URL';
  } catch {
    return 'lineItemUrl: must be an absolute URL';
  }
}

/**
 * Checks a grade message's payload, collecting every problem. A bad payload will never become
 * good by waiting, so the error is permanent: the outbox marks the message failed for staff.
 */
export function readGradePayload(payload: unknown): GradePayload {
  if (!isRecord(payload))
    throw new AppError('GRADE_PAYLOAD_INVALID', 'The grade message has no payload object.', {
      permanent: true,
      problems: ['payload: must be an object'],
    });
  const problems: string[] = [];
  for (const field of ['attemptId', 'platformId'] as const)
    if (typeof payload[field] !== 'string' || payload[field] === '')
      problems.push(`${field}: must be a non-empty string`);
  const urlIssue = urlProblem(payload.lineItemUrl);
  if (urlIssue) problems.push(urlIssue);
  problems.push(...scoreProblems(payload.score));
  if (problems.length > 0)
    throw new AppError('GRADE_PAYLOAD_INVALID', `The grade message is not valid: ${problems.join('; ')}.`, {
      permanent: true,
      problems,
    });
  return payload as unknown as GradePayload;
}
