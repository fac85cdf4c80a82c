import type { Stores } from '@kompetenta/core';
import { enqueueDueReminders } from '@kompetenta/lti-server';
import type { Logger } from 'pino';

/** Reminders are counted in days: checking every hour is prompt enough and cheap. */
export const STANDALONE_JOB_INTERVAL_MS = 60 * 60_000;
/** Rate-limit windows are minutes long; a day of them is plenty for any window setting. */
const RATE_LIMIT_KEEP_MS = 24 * 60 * 60_000;

/**
 * The periodic work of the standalone pages: enqueue due course reminders (idempotent per attempt
 * and step, so every instance may run it), delete expired sessions and old rate-limit windows.
 * Runs once at start, then every hour; returns a stop function.
 */
export function startStandaloneJobs(options: {
  readonly stores: Stores;
  readonly logger: Logger;
  readonly publicUrl: string;
  readonly reminderDays: readonly number[];
  readonly secret: Uint8Array;
  readonly intervalMs?: number;
}): { stop(): Promise<void> } {
  const logger = options.logger.child({ component: 'standalone-jobs' });
  let running: Promise<void> = Promise.resolve();
  const runOnce = async (): Promise<void> => {
    const now = new Date();
    const due = await enqueueDueReminders(options.stores, {
      now,
      reminderDays: options.reminderDays,
      publicUrl: options.publicUrl,
      secret: options.secret,
    });
    const sessions = await options.stores.webSessions.purgeExpired(now);
    const windows = await options.stores.rateLimits.purgeBefore(new Date(now.getTime() - RATE_LIMIT_KEEP_MS));
    if (due + sessions + windows > 0)
      logger.info({ due, sessions, windows }, 'reminders checked, expired data purged');
  };
  const tick = () => {
    running = runOnce().catch((error: unknown) =>
      logger.warn({ err: error }, 'standalone job failed; will retry'),
    );
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? STANDALONE_JOB_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
