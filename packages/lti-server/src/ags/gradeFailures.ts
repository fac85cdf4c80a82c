import { AppError, isAppError } from '@kompetenta/core';

/** A transient failure: the worker tries again later (after `retryAfterMs` at least, if given). */
export function platformUnavailable(
  what: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): AppError {
  return new AppError('GRADE_PLATFORM_UNAVAILABLE', what, details, { cause });
}

/** The HTTP status in a failed request's error (got's HTTPError from ltijs's token request), if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return undefined;
  const status = (response as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether an HTTP status is worth another try: 429 (too many requests) and every 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Classifies a failure of the token endpoint: a 4xx other than 429 refuses us for good. */
export function tokenFailure(issuer: string, error: unknown): AppError {
  if (isAppError(error) && error.code.startsWith('GRADE_')) return error;
  const status = httpStatusOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (status !== undefined && !isTransientStatus(status))
    return new AppError(
      'GRADE_TOKEN_REFUSED',
      `The token endpoint of ${issuer} answered ${status}: ${reason}`,
      { permanent: true, status },
      { cause: error },
    );
  return platformUnavailable(`No access token from ${issuer}: ${reason}`, status ? { status } : {}, error);
}

/**
 * Runs `work`, but gives up waiting after `ms` with a transient failure. The request behind it
 * may still finish; nothing it returns is used.
 */
export async function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(platformUnavailable(`${what} took longer than ${ms} ms.`)),
      Math.max(ms, 0),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
