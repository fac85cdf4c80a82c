import type { Stores } from '@kompetenta/core';

/** The export API counts per minute. */
const WINDOW_MS = 60_000;

function windowOf(now: Date): { start: Date; retryAfterSeconds: number } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(start),
    retryAfterSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/**
 * The export API's limits, counted in the database (`rate_limit_hits`) like sign-in's: every app
 * instance sees the same counts, so N instances do not allow N times the exports or the guesses.
 */
export class ExportRateLimits {
  constructor(
    private readonly stores: Stores,
    private readonly exportsPerMinute: number,
    private readonly failedAuthPerMinute = 20,
  ) {}

  /** Seconds a client address must wait after too many failed authentications, else 0. */
  async blockedAddress(address: string, now: Date): Promise<number> {
    const window = windowOf(now);
    const failures = await this.stores.rateLimits.count(`export:failed:${address}`, window.start);
    return failures >= this.failedAuthPerMinute ? window.retryAfterSeconds : 0;
  }

  /** Counts one failed authentication of the address. */
  async countFailure(address: string, now: Date): Promise<void> {
    await this.stores.rateLimits.hit(`export:failed:${address}`, windowOf(now).start);
  }

  /** Counts one export of the token; the seconds to wait when it is over its limit, else 0. */
  takeExport(tokenId: string, now: Date): Promise<number> {
    return this.take(`export:token:${tokenId}`, now);
  }

  /** Counts one dashboard download of the person; as `takeExport`. */
  takeDownload(personId: string, now: Date): Promise<number> {
    return this.take(`export:person:${personId}`, now);
  }

  private async take(bucket: string, now: Date): Promise<number> {
    const window = windowOf(now);
    const exports = await this.stores.rateLimits.hit(bucket, window.start);
    return exports > this.exportsPerMinute ? window.retryAfterSeconds : 0;
  }
}
