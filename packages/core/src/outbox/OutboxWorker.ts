import type { OutboxMessage, OutboxTopic } from '../domain/OutboxMessage';
import type { Clock } from '../ports/Clock';
import type { Outbox } from '../ports/stores';
import type { BackoffPolicy } from './retryDelay';

/** Delivers one message (an e-mail, a grade). Throws to report failure; see `isPermanent`. */
export type DeliverMessage = (message: OutboxMessage) => Promise<void>;

/** What happened to one message, for logs and tests. */
export type OutboxWorkerEvent =
  | { readonly type: 'sent'; readonly message: OutboxMessage }
  | {
      readonly type: 'retry';
      readonly message: OutboxMessage;
      readonly error: string;
      readonly nextAttemptAt: Date;
    }
  | { readonly type: 'failed'; readonly message: OutboxMessage; readonly error: string }
  /** The lease ran out before delivery began: the message is left for whichever worker claims it next. */
  | { readonly type: 'lease-expired'; readonly message: OutboxMessage }
  /** Delivery ended but the lease had been lost, so the outcome was not recorded by this worker. */
  | {
      readonly type: 'lease-lost';
      readonly message: OutboxMessage;
      readonly outcome: 'sent' | 'retry' | 'failed';
    }
  /** A run failed as a whole (the outbox could not be read); `start()` keeps polling. */
  | { readonly type: 'error'; readonly error: unknown };

/** Options of {@link createOutboxWorker}. */
export interface OutboxWorkerOptions {
  readonly outbox: Outbox;
  /** Only messages of this topic are claimed, so mail and grade workers never take each other's. */
  readonly topic: OutboxTopic;
  readonly deliver: DeliverMessage;
  /** Unique per process (e.g. `mail@host:pid`): the outbox records who holds each lease. */
  readonly workerId: string;
  /** How long a claim is exclusive. Must exceed the longest delivery (transport timeouts included). */
  readonly leaseMs: number;
  /** Messages claimed per run. */
  readonly batchSize: number;
  readonly backoff: BackoffPolicy;
  readonly clock?: Clock;
  /** Default: {@link isPermanentFailure} (an AppError with `details.permanent === true`). */
  readonly isPermanent?: (error: unknown) => boolean;
  /** After this many tries a transient failure is treated as permanent. Default: retry forever. */
  readonly maxTries?: number;
  /**
   * Delivery starts only while at least this much of the lease is left, so a message whose lease
   * may already belong to another worker is not sent twice. Default: a tenth of the lease, at most 5 s.
   */
  readonly leaseMarginMs?: number;
  /** Pause of `start()` after a run that did not fill a batch. Default 5 000 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Pauses before trying again to record an outcome the outbox could not store (a database
   * restarting): the delivery already happened, and an unrecorded "sent" would send it again once
   * the lease runs out. One try per entry, never past the lease. Default: 0.25 s doubling to 8 s, ≈ 32 s in all.
   */
  readonly recordRetryDelaysMs?: readonly number[];
  /** Called synchronously for each message sent, retried or failed (e.g. to log it); default: nothing. */
  readonly onEvent?: (event: OutboxWorkerEvent) => void;
}

/** Counts of one run. */
export interface OutboxRunSummary {
  readonly claimed: number;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  /** Claimed but not attempted, or attempted but not recorded, because the lease was lost. */
  readonly leaseLost: number;
}

/** A worker for one outbox topic. */
export interface OutboxWorker {
  /**
   * Claims one batch of due messages and delivers them, one after another. Rejects if the outbox
   * cannot be read or written; messages of the batch not yet recorded come back when their lease ends.
   */
  runOnce(): Promise<OutboxRunSummary>;
  /** Runs batches until {@link OutboxWorker.stop}: straight on after a full batch or one that sent something, else after a pause. */
  start(): void;
  /** Stops polling and resolves once the batch in flight, if any, has finished. */
  stop(): Promise<void>;
}
