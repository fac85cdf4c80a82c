/**
 * How long a worker waits before trying a message again. Exponential growth from `baseMs`, capped
 * at `maxMs`, with full jitter: the delay is drawn uniformly from [0, cap). Full jitter spreads the
 * retries of many instances so a recovering SMTP server or LMS is not hit by all of them at once.
 */
export interface BackoffPolicy {
  /** The cap after the first failed try. */
  readonly baseMs: number;
  /** The largest delay, however many tries have failed. */
  readonly maxMs: number;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  readonly random?: () => number;
}

/** The ceiling of the jittered delay after `tries` failed tries (1 for the first failure). */
export function retryDelayCapMs(tries: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, tries - 1);
  // 2 ** 1024 is Infinity, so very large try counts still end at the cap.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** The delay before the next try after `tries` failed tries: uniform in [0, cap). */
export function retryDelayMs(tries: number, policy: BackoffPolicy): number {
  const random = policy.random ?? Math.random;
  return Math.floor(random() * retryDelayCapMs(tries, policy));
}
