import {
  createOutboxWorker,
  type BackoffPolicy,
  type DeliverMessage,
  type Outbox,
  type OutboxTopic,
  type OutboxWorker,
  type OutboxWorkerEvent,
} from '@kompetenta/core';
import { hostname } from 'node:os';
import type { Logger } from 'pino';

/** What the log says about a topic's messages (a delivered one logs nothing here). */
export interface OutboxLogLines {
  readonly retry: string;
  readonly failed: string;
  readonly leftToAnother: string;
  readonly unreadable: string;
}

/** How one topic's worker runs; the rest (worker id, logging, start) is the same for every topic. */
export interface OutboxWiring {
  readonly outbox: Outbox;
  readonly topic: OutboxTopic;
  readonly deliver: DeliverMessage;
  /** Already a child logger naming the component. */
  readonly logger: Logger;
  readonly log: OutboxLogLines;
  readonly leaseMs: number;
  readonly leaseMarginMs?: number;
  readonly batchSize: number;
  readonly backoff: BackoffPolicy;
  readonly pollIntervalMs: number;
}

function logEvent(logger: Logger, log: OutboxLogLines, event: OutboxWorkerEvent): void {
  const message = 'message' in event ? { outboxId: event.message.id, tries: event.message.tries } : {};
  switch (event.type) {
    case 'sent':
      return;
    case 'retry':
      logger.warn({ ...message, error: event.error, nextAttemptAt: event.nextAttemptAt }, log.retry);
      return;
    case 'failed':
      logger.error({ ...message, error: event.error }, log.failed);
      return;
    case 'lease-expired':
    case 'lease-lost':
      logger.warn({ ...message, event: event.type }, log.leftToAnother);
      return;
    case 'error':
      logger.error({ err: event.error }, log.unreadable);
  }
}

/**
 * Starts the outbox worker of one topic, as every instance runs one: its id names the topic, host
 * and process (the outbox records who holds each lease), and its events go to the log.
 */
export function startOutboxWorker(wiring: OutboxWiring): OutboxWorker {
  const worker = createOutboxWorker({
    outbox: wiring.outbox,
    topic: wiring.topic,
    deliver: wiring.deliver,
    workerId: `${wiring.topic}@${hostname()}:${process.pid}`,
    leaseMs: wiring.leaseMs,
    ...(wiring.leaseMarginMs === undefined ? {} : { leaseMarginMs: wiring.leaseMarginMs }),
    batchSize: wiring.batchSize,
    backoff: wiring.backoff,
    pollIntervalMs: wiring.pollIntervalMs,
    onEvent: (event) => logEvent(wiring.logger, wiring.log, event),
  });
  worker.start();
  return worker;
}
