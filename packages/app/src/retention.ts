import type { PersonErasure } from '@kompetenta/core';
import type { Logger } from 'pino';

/** The moment before which a person's last activity makes them expire: `months` calendar months ago. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Erases everyone inactive for longer than `months`, in batches, each erasure in its own
 * transaction and audited (`person.erase`, reason `retention`). Returns how many were erased.
 */
export async function purgeExpiredPeople(
  erasure: PersonErasure,
  months: number,
  now: Date,
  actor = 'retention',
): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  let erased = 0;
  for (;;) {
    const batch = await erasure.listInactiveSince(cutoff, 500);
    if (batch.length === 0) return erased;
    for (const personId of batch) {
      const result = await erasure.erase(personId, { actor, reason: 'retention' }, now);
      if (!result.alreadyErased) erased += 1;
    }
  }
}

/** How often the app runs the retention purge. */
export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * The daily retention job: with RETENTION_MONTHS set it purges once shortly after start and then
 * every 24 hours. Several instances may run it at once: erasure locks the row and is idempotent.
 */
export function startRetentionJob(
  erasure: PersonErasure,
  months: number | undefined,
  logger: Pick<Logger, 'info' | 'warn'>,
): { stop(): void } {
  if (months === undefined) return { stop: () => undefined };
  const run = () => {
    purgeExpiredPeople(erasure, months, new Date()).then(
      (erased) => logger.info({ erased, retentionMonths: months }, 'retention purge done'),
      (error: unknown) => logger.warn({ err: error }, 'retention purge failed; will retry tomorrow'),
    );
  };
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, RETENTION_INTERVAL_MS);
  first.unref();
  daily.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
