import { AppError, isAppError, isDatabaseUnavailable } from '@kompetenta/core';

/**
 * True for the errors body-parser (and other http-errors users) raise for a client's mistake: a
 * body too large, bad JSON, compressed data that does not inflate, an unknown encoding. They carry
 * a 4xx `status`; answering them 500 would blame us and hide the client's error from it.
 */
export function isClientHttpError(error: unknown): error is Error & { status: number; type?: unknown } {
  if (!(error instanceof Error) || !('status' in error)) return false;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Any thrown value as the AppError an error middleware answers with: our own errors as they are,
 * a body over the limit as APP_REQUEST_TOO_LARGE (413), a client's other malformed request as
 * APP_REQUEST_INVALID (400, with body-parser's reason), a database that is gone (a restart, a
 * failover) as STORE_DATABASE_UNREACHABLE (503, which clients retry), and everything else as
 * APP_INTERNAL_ERROR, whose internals stay in the log.
 */
export function asHttpAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isClientHttpError(error)) {
    // Too large is its own answer (413), so a client knows that sending less will work.
    if (error.status === 413) return new AppError('APP_REQUEST_TOO_LARGE');
    const reason = typeof error.type === 'string' ? error.type : `http ${error.status}`;
    return new AppError('APP_REQUEST_INVALID', undefined, { reason });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('STORE_DATABASE_UNREACHABLE', undefined, undefined, { cause: error });
  }
  return new AppError('APP_INTERNAL_ERROR');
}
