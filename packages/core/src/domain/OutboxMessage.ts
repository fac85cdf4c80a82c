import type { JsonValue } from './Attempt';

/** What a worker delivers: a grade to an LMS or an e-mail. */
export type OutboxTopic = 'grade' | 'mail';
/**
 * Where a message is: `pending` (waiting, leased or due for a retry), `sent` (delivered), or `failed`
 * (given up on; staff see it and may requeue it).
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * A message written in the same transaction as the change that caused it, delivered later by a
 * worker. `idempotencyKey` makes enqueueing the same message twice a no-op.
 */
export interface OutboxMessage {
  readonly id: number;
  readonly topic: OutboxTopic;
  readonly idempotencyKey: string;
  readonly organisationId: string | null;
  /**
   * Messages with the same key are delivered one at a time in id order: none is handed out while
   * an older pending one of its group exists (leased, waiting for a retry, or due). Null: no order.
   */
  readonly orderingKey?: string | null;
  readonly payload: { readonly [key: string]: JsonValue };
  readonly status: OutboxStatus;
  /** Delivery tries so far. */
  readonly tries: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

/** A message to enqueue; the outbox stores it as `pending` with no tries. */
export interface NewOutboxMessage {
  readonly topic: OutboxTopic;
  readonly idempotencyKey: string;
  readonly organisationId?: string | null;
  /**
   * Messages with the same key are delivered one at a time in id order: none is handed out while
   * an older pending one of its group exists (leased, waiting for a retry, or due). Unset: no order.
   */
  readonly orderingKey?: string | null;
  readonly payload: { readonly [key: string]: JsonValue };
  /** Deliver no earlier than this (default: now). */
  readonly notBefore?: Date;
}
