import type { OutboxWorker, Stores } from '@kompetenta/core';
import {
  createGradeDelivery,
  GRADE_DELIVERY_DEFAULTS,
  type AgsTokenSource,
} from '@kompetenta/lti-server/internal';
import type { Logger } from 'pino';
import { startOutboxWorker } from './outboxWiring';

/** The running grade delivery: its outbox worker. */
export interface GradeDelivery {
  readonly worker: OutboxWorker;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

/** A claim is exclusive this long. */
const LEASE_MS = 60_000;
/**
 * A delivery starts only while this much of the lease is left: more than the longest delivery
 * (token + score, and both again after a 401, within the delivery's time budget), so a slow LMS
 * never makes a lease run out mid-delivery and a score go out twice.
 */
const LEASE_MARGIN_MS = GRADE_DELIVERY_DEFAULTS.timeBudgetMs + 5_000;

/**
 * Starts the worker that sends the outbox's `grade` messages to the LMS gradebooks (AGS). Every
 * instance may run one: leases and ordering keys make each score go out once, in order.
 */
export function startGradeDelivery(options: {
  readonly stores: Stores;
  readonly tokens: AgsTokenSource;
  readonly logger: Logger;
}): GradeDelivery {
  const worker = startOutboxWorker({
    outbox: options.stores.outbox,
    topic: 'grade',
    deliver: createGradeDelivery({ stores: options.stores, tokens: options.tokens }),
    logger: options.logger.child({ component: 'grades' }),
    log: {
      retry: 'grade will be sent again',
      failed: 'grade refused for good; staff see it with `kompetenta outbox list --status failed`',
      leftToAnother: 'grade left to another worker (lease ran out)',
      unreadable: 'grade worker could not read the outbox; trying again',
    },
    leaseMs: LEASE_MS,
    leaseMarginMs: LEASE_MARGIN_MS,
    batchSize: 10,
    // From up to 15 s after the first failure to at most 30 min apart: an LMS down for a day
    // gets a try every half hour, and the grade goes out soon after it is back.
    backoff: { baseMs: 15_000, maxMs: 30 * 60_000 },
    pollIntervalMs: 5_000,
  });
  return { worker, stop: () => worker.stop() };
}
