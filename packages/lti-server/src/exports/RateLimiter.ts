/**
 * A fixed-window counter per key (a token id, a client address), in memory. Enough for one
 * process; memory is bounded by the keys seen in one window, because each window starts afresh.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private roll(): number {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - (now % this.windowMs);
      this.counts = new Map();
    }
    return now;
  }

  /** Seconds until the key may try again, or 0 when it is under its limit (without counting). */
  retryAfter(key: string): number {
    const now = this.roll();
    if ((this.counts.get(key) ?? 0) < this.limit) return 0;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }

  /** Counts one use; returns the seconds to wait when this use is over the limit, else 0. */
  take(key: string): number {
    const wait = this.retryAfter(key);
    if (wait > 0) return wait;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return 0;
  }
}
