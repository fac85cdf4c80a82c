import { createOutboxWorker, type OutboxWorker, type OutboxWorkerEvent, type Stores } from '@kompetenta/core';
import {
  createGradeDelivery,
  GRADE_DELIVERY_DEFAULTS,
  type AgsTokenSource,
} from '@kompetenta/lti-server/internal';
import { hostname } from 'node:os';
import type { Logger } from 'pino';

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

function logEvent(logger: Logger, event: OutboxWorkerEvent): void {
  const message = 'message' in event ? { outboxId: event.message.id, tries: event.message.tries } : {};
  switch (event.type) {
    case 'sent':
      return;
    case 'retry':
      logger.warn(
        { ...message, error: event.error, nextAttemptAt: event.nextAttemptAt },
        'grade will be sent again',
      );
      return;
    case 'failed':
      logger.error(
        { ...message, error: event.error },
        'grade refused for good; staff see it with `kompetenta outbox list --status failed`',
      );
      return;
    case 'lease-expired':
    case 'lease-lost':
      logger.warn({ ...message, event: event.type }, 'grade left to another worker (lease ran out)');
      return;
    case 'error':
      logger.error({ err: event.error }, 'grade worker could not read the outbox; trying again');
  }
}

/**
 * Starts the worker that sends the outbox's `grade` messages to the LMS gradebooks (AGS). Every
 * instance may run one: leases and ordering keys make each score go out once, in order.
 */
export function startGradeDelivery(options: {
  readonly stores: Stores;
  readonly tokens: AgsTokenSource;
  readonly logger: Logger;
}): GradeDelivery {
  const logger = options.logger.child({ component: 'grades' });
  const worker = createOutboxWorker({
    outbox: options.stores.outbox,
    topic: 'grade',
    deliver: createGradeDelivery({ stores: options.stores, tokens: options.tokens }),
    workerId: `grade@${hostname()}:${process.pid}`,
    leaseMs: LEASE_MS,
    leaseMarginMs: LEASE_MARGIN_MS,
    batchSize: 10,
    // From up to 15 s after the first failure to at most 30 min apart: an LMS down for a day
    // gets a try every half hour, and the grade goes out soon after it is back.
    backoff: { baseMs: 15_000, maxMs: 30 * 60_000 },
    pollIntervalMs: 5_000,
    onEvent: (event) => logEvent(logger, event),
  });
  worker.start();
  return { worker, stop: () => worker.stop() };
}
