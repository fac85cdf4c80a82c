import { AppError, isAppError } from '../errors/AppError';

/**
 * Whether a delivery error means "trying again will not help" (a 5xx SMTP answer, a message that
 * cannot be rendered). The convention: an AppError whose details carry `permanent: true`.
 * Everything else — a refused connection, a timeout, a 4xx — is worth another try.
 */
export function isPermanentFailure(error: unknown): boolean {
  return isAppError(error) && error.details?.permanent === true;
}

/** One line for the outbox's `last_error` column and the logs. */
export function describeFailure(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * How long the receiver asked us to wait before the next try (an HTTP `Retry-After`), if the
 * delivery said so: an AppError whose details carry `retryAfterMs`, a finite number ≥ 0.
 */
export function retryAfterHintMs(error: unknown): number | undefined {
  const hint = isAppError(error) ? error.details?.retryAfterMs : undefined;
  return typeof hint === 'number' && Number.isFinite(hint) && hint >= 0 ? hint : undefined;
}
