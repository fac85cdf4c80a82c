import type { AgsScore } from '@kompetenta/scorm-runtime';
import { platformUnavailable } from './gradeFailures';
import { retryAfterMs } from './retryAfter';

/** The media type of an AGS score (AGS 2.0 §3.4). */
export const AGS_SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';

/** What the score endpoint answered. */
export interface ScoreAnswer {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  /** The start of the body, for the error staff read. */
  readonly body: string;
}

/**
 * POSTs one score. Answers whatever status the platform gave; rejects with a transient
 * GRADE_PLATFORM_UNAVAILABLE when there was no answer (refused, reset, DNS, timeout).
 * Redirects are not followed: a POST must not turn into a GET to somewhere else.
 */
export async function postScore(
  url: string,
  score: AgsScore,
  token: string,
  timeoutMs: number,
): Promise<ScoreAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': AGS_SCORE_MEDIA_TYPE,
        accept: 'application/json',
      },
      body: JSON.stringify(score),
      signal: AbortSignal.timeout(Math.max(timeoutMs, 1)),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : describeNetworkError(error);
    throw platformUnavailable(`The score endpoint ${url} could not be reached: ${reason}.`, {}, error);
  }
  const body = await res.text().catch(() => '');
  return {
    status: res.status,
    retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
    body: body.slice(0, 500),
  };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
