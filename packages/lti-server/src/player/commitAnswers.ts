import { AppError, isAppError } from '@kompetenta/core';
import type { ServerResponse } from 'node:http';
import { asHttpAppError, isClientHttpError } from '../http/asHttpAppError';

/** Largest commit body (player contract): a full 2004 commit with 250 interactions fits. */
export const COMMIT_BODY_LIMIT_BYTES = 256 * 1024;

/** The headers of every commit answer: the token is in the URL, so no caching and no Referer. */
export const COMMIT_PRIVATE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
} as const;

/** The JSON answer of an accepted commit, with a renewed token when one was issued. */
export function commitAccepted(token: string | undefined): string {
  return JSON.stringify({ result: true, errorCode: 0, ...(token === undefined ? {} : { token }) });
}

/**
 * Writes a commit's JSON answer with the private headers, in one `writeHead`: directly, because
 * Express's res.json would also hash it for an ETag nobody revalidates.
 */
export function writeCommitAnswer(res: ServerResponse, status: number, answer: string): void {
  res.writeHead(status, {
    ...COMMIT_PRIVATE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(answer),
  });
  res.end(answer);
}

/** The JSON answer of a refused commit (scorm-again reads `result` and `errorCode`). */
export function commitRefused(error: AppError): {
  result: false;
  errorCode: number;
  error: { code: string; message: string; problems?: unknown };
} {
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return {
    result: false,
    errorCode: 101,
    error: { code: error.code, message: error.message, ...(problems === undefined ? {} : { problems }) },
  };
}

/** What a commit threw, as one of our errors; body-parser's own errors (too large, aborted) get our codes. */
export function asCommitError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('ATTEMPT_COMMIT_TOO_LARGE');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new AppError('ATTEMPT_COMMIT_MEDIA_UNSUPPORTED');
  if (type === 'request.aborted' || type === 'entity.parse.failed')
    return new AppError('ATTEMPT_COMMIT_MALFORMED');
  // Any other client error body-parser raises (e.g. gzip that does not inflate) is the client's.
  if (isClientHttpError(error)) return new AppError('ATTEMPT_COMMIT_MALFORMED');
  // The rest as every route answers it: 503 while the database is gone (the player retries), else 500.
  return asHttpAppError(error);
}
