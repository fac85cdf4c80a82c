/** What a soak request was for. */
export type RequestKind = 'launch' | 'page' | 'commit';

/** One HTTP request a simulated learner made, and how it ended. */
export interface LedgerEntry {
  readonly kind: RequestKind;
  readonly startedAt: number;
  readonly endedAt: number;
  /** The HTTP status, or undefined when no answer came (refused, reset, timed out). */
  readonly status: number | undefined;
  /** The network error, when no answer came. */
  readonly error?: string;
}

/** Every request of the run, to count errors and see what was in flight at a fault. */
export class HttpLedger {
  readonly entries: LedgerEntry[] = [];

  /**
   * Runs `request`, records its status or network error, and returns the response (undefined
   * when none came). A response body is read by the caller.
   */
  async record(kind: RequestKind, request: () => Promise<Response>): Promise<Response | undefined> {
    const startedAt = Date.now();
    try {
      const response = await request();
      this.entries.push({ kind, startedAt, endedAt: Date.now(), status: response.status });
      return response;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const text = cause?.code ?? cause?.message ?? (error as Error).message;
      this.entries.push({ kind, startedAt, endedAt: Date.now(), status: undefined, error: text });
      return undefined;
    }
  }
}

/** A 5xx or no answer: the player tries the same request again. */
export function isRetryable(response: Response | undefined): boolean {
  return response === undefined || response.status >= 500;
}
