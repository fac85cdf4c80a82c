/** A fault held for a while: it starts `atMs` after the load started and lasts `forMs`. */
export interface FaultWindow {
  readonly atMs: number;
  readonly forMs: number;
}

/** Everything a soak run can be told; {@link FULL_SOAK} and {@link SHORT_SOAK} are the two used. */
export interface SoakOptions {
  readonly learners: number;
  /** How long learners start new sessions; sessions under way then finish. */
  readonly durationMs: number;
  readonly commitIntervalMs: number;
  readonly commitsPerSession: number;
  /** Every n-th learner is a standalone learner (completion e-mail instead of an LMS grade). */
  readonly standaloneEvery: number;
  /** SIGTERM to the app this long after the load started; it is started again at once. */
  readonly sigtermAtMs: number;
  /** PostgreSQL stopped (fast shutdown) and started again after `forMs`. */
  readonly postgresDown: FaultWindow;
  /** The emulator's AGS score endpoint answers 503. */
  readonly agsDown: FaultWindow;
  /** Nothing listens on the SMTP port: connections are refused. */
  readonly smtpDown: FaultWindow;
  /** After the load: how long every score and e-mail may take to arrive. */
  readonly drainTimeoutMs: number;
  /** How long a learner retries one request answered 5xx or not at all. */
  readonly retryBudgetMs: number;
  /** Memory is judged only on runs with at least this much of samples after the warm-up. */
  readonly memoryJudgedAfterMs: number;
  /** How often the app is asked for its live heap after a full GC (each ask pauses it ~0.1 s). */
  readonly heapSampleMs: number;
  /** Heap samples this soon after the app's (re)start are printed but not judged (JIT, pools, caches). */
  readonly memoryWarmUpMs: number;
}

/** `npm run soak`: 300 learners for 10 minutes; each fault once, AGS and SMTP for 2 minutes. */
export const FULL_SOAK: SoakOptions = {
  learners: 300,
  durationMs: 10 * 60_000,
  commitIntervalMs: 3_000,
  commitsPerSession: 10,
  standaloneEvery: 10,
  sigtermAtMs: 60_000,
  agsDown: { atMs: 120_000, forMs: 120_000 },
  smtpDown: { atMs: 270_000, forMs: 120_000 },
  postgresDown: { atMs: 420_000, forMs: 10_000 },
  // Outbox backoff has full jitter, up to 4 min after 2 min of failures (grades 15 s, mail 30 s base).
  drainTimeoutMs: 6 * 60_000,
  retryBudgetMs: 90_000,
  memoryJudgedAfterMs: 5 * 60_000,
  heapSampleMs: 20_000,
  memoryWarmUpMs: 90_000,
};

/**
 * The CI variant: 30 learners for 50 s, each fault once in shortened windows, one after another
 * (SMTP after the first completions, which send the e-mails).
 */
export const SHORT_SOAK: SoakOptions = {
  learners: 30,
  durationMs: 50_000,
  commitIntervalMs: 2_000,
  commitsPerSession: 5,
  standaloneEvery: 5,
  agsDown: { atMs: 0, forMs: 10_000 },
  smtpDown: { atMs: 12_000, forMs: 10_000 },
  postgresDown: { atMs: 26_000, forMs: 4_000 },
  sigtermAtMs: 36_000,
  // Messages that failed in the windows come back within the backoff's cap (15 s, 30 s, 60 s).
  drainTimeoutMs: 120_000,
  retryBudgetMs: 60_000,
  // 50 s of load is too short to judge memory; the samples are still taken and printed.
  memoryJudgedAfterMs: 5 * 60_000,
  heapSampleMs: 5_000,
  memoryWarmUpMs: 10_000,
};

/** `--name=value` arguments over `base` (numbers; fault windows as `--ags-down=120000:120000`). */
export function parseSoakArgs(args: readonly string[], base: SoakOptions): SoakOptions {
  const options: Record<string, unknown> = { ...base };
  for (const arg of args) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (!match) throw new Error(`soak: unknown argument ${arg} (use --name=value)`);
    const key = match[1]!.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (!(key in base)) throw new Error(`soak: unknown option --${match[1]}`);
    const current = options[key];
    if (typeof current === 'number') {
      const value = Number(match[2]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`soak: --${match[1]} must be a number ≥ 0`);
      options[key] = value;
    } else {
      const window = /^(\d+):(\d+)$/.exec(match[2]!);
      if (!window) throw new Error(`soak: --${match[1]} must be <at ms>:<for ms>`);
      options[key] = { atMs: Number(window[1]), forMs: Number(window[2]) };
    }
  }
  return options as unknown as SoakOptions;
}
