import { systemClock, type Clock, type ReportingStore, type Stores } from '@kompetenta/core';
import { enqueueDueReminders, enqueueStaffDigests, isoWeekOf } from '@kompetenta/lti-server/internal';
import type { Logger } from 'pino';

/** Reminders are counted in days: checking every hour is prompt enough and cheap. */
export const STANDALONE_JOB_INTERVAL_MS = 60 * 60_000;
/** Rate-limit windows are minutes long; a day of them is plenty for any window setting. */
const RATE_LIMIT_KEEP_MS = 24 * 60 * 60_000;

/** The running jobs: `runOnce` is what each tick does (tests drive it with their own clock). */
export interface StandaloneJobs {
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The periodic work of the standalone pages: enqueue due course reminders (idempotent per attempt
 * and step, so every instance may run it), the weekly staff digest (once per ISO week and person,
 * when `reporting` is given), delete expired sessions and old rate-limit windows. Runs once at
 * start, then every hour; `start: false` leaves the timer off (tests call `runOnce`).
 */
export function startStandaloneJobs(options: {
  readonly stores: Stores;
  readonly logger: Logger;
  readonly publicUrl: string;
  readonly reminderDays: readonly number[];
  readonly secret: Uint8Array;
  /** For the staff digest; without it no digest is sent. */
  readonly reporting?: ReportingStore;
  readonly suppressionThreshold?: number | undefined;
  readonly clock?: Clock;
  readonly intervalMs?: number;
  readonly start?: boolean;
}): StandaloneJobs {
  const logger = options.logger.child({ component: 'standalone-jobs' });
  const clock = options.clock ?? systemClock;
  // The digest needs dashboard queries: once a week's digests are enqueued, this process skips
  // them until the next week (other instances may enqueue too; the outbox key keeps one each).
  let digestWeekDone: string | null = null;
  let running: Promise<void> = Promise.resolve();
  const weeklyDigest = async (now: Date): Promise<number> => {
    if (!options.reporting || isoWeekOf(now).key === digestWeekDone) return 0;
    const run = await enqueueStaffDigests(
      {
        stores: options.stores,
        reporting: options.reporting,
        ...(options.suppressionThreshold === undefined
          ? {}
          : { suppressionThreshold: options.suppressionThreshold }),
      },
      { now, publicUrl: options.publicUrl },
    );
    digestWeekDone = run.week;
    return run.due;
  };
  const runOnce = async (): Promise<void> => {
    const now = clock.now();
    const due = await enqueueDueReminders(options.stores, {
      now,
      reminderDays: options.reminderDays,
      publicUrl: options.publicUrl,
      secret: options.secret,
    });
    const digests = await weeklyDigest(now);
    const sessions = await options.stores.webSessions.purgeExpired(now);
    const windows = await options.stores.rateLimits.purgeBefore(new Date(now.getTime() - RATE_LIMIT_KEEP_MS));
    if (due + digests + sessions + windows > 0)
      logger.info({ due, digests, sessions, windows }, 'reminders and digests checked, expired data purged');
  };
  const tick = () => {
    running = runOnce().catch((error: unknown) =>
      logger.warn({ err: error }, 'standalone job failed; will retry'),
    );
  };
  if (options.start === false) return { runOnce, stop: () => Promise.resolve() };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? STANDALONE_JOB_INTERVAL_MS);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
