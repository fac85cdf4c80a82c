import type {
  JsonValue,
  NewOutboxMessage,
  Outbox,
  OutboxListFilter,
  OutboxMessage,
  OutboxStatus,
  OutboxTopic,
} from '@kompetenta/core';
import { date, dateOrNull, guarded, num, str, strOrNull, type Db, type Row } from './sql';

function toMessage(row: Row): OutboxMessage {
  return {
    id: num(row.id),
    topic: str(row.topic) as OutboxTopic,
    idempotencyKey: str(row.idempotency_key),
    organisationId: strOrNull(row.organisation_id),
    orderingKey: strOrNull(row.ordering_key),
    payload: row.payload as { [key: string]: JsonValue },
    status: str(row.status) as OutboxStatus,
    tries: num(row.tries),
    nextAttemptAt: date(row.next_attempt_at),
    lastError: strOrNull(row.last_error),
    createdAt: date(row.created_at),
    sentAt: dateOrNull(row.sent_at),
  };
}

export class KnexOutbox implements Outbox {
  constructor(private readonly db: Db) {}

  async enqueue(message: NewOutboxMessage): Promise<OutboxMessage> {
    await guarded('The outbox message', () =>
      this.db('outbox')
        .insert({
          topic: message.topic,
          idempotency_key: message.idempotencyKey,
          organisation_id: message.organisationId ?? null,
          ordering_key: message.orderingKey ?? null,
          payload: JSON.stringify(message.payload),
          next_attempt_at: message.notBefore ?? this.db.fn.now(),
        })
        .onConflict('idempotency_key')
        .ignore(),
    );
    const row = (await this.db('outbox').where({ idempotency_key: message.idempotencyKey }).first()) as Row;
    return toMessage(row);
  }

  /**
   * FOR UPDATE SKIP LOCKED lets several instances claim at once without waiting on or taking each
   * other's rows; the lease (locked_until) hands a message back if its worker dies.
   *
   * Ordering: a message is a candidate only if no older message with its ordering key is still
   * pending. Claiming, leasing and retrying leave the status at 'pending', so an older message
   * in flight at another worker, or waiting for its retry, holds its younger siblings back in
   * every worker's snapshot; they become claimable only once it is sent or failed, which is a
   * committed state change, so no two messages of one group are ever out at the same time.
   * Writers of one group must commit in id order (the grade writer holds the attempt's row lock).
   */
  async claim(
    workerId: string,
    options: { limit: number; leaseMs: number; topic?: string },
  ): Promise<OutboxMessage[]> {
    const topicFilter = options.topic ? 'AND candidate.topic = ?' : '';
    const bindings: unknown[] = [
      workerId,
      options.leaseMs,
      ...(options.topic ? [options.topic] : []),
      options.limit,
    ];
    const result = await this.db.raw<{ rows: Row[] }>(
      `UPDATE outbox SET locked_by = ?, locked_until = now() + (? * interval '1 millisecond'), tries = tries + 1
       WHERE id IN (
         SELECT candidate.id FROM outbox candidate
         WHERE candidate.status = 'pending' AND candidate.next_attempt_at <= now()
           AND (candidate.locked_until IS NULL OR candidate.locked_until < now()) ${topicFilter}
           AND NOT EXISTS (
             SELECT 1 FROM outbox older
             WHERE older.ordering_key = candidate.ordering_key AND older.status = 'pending'
               AND older.id < candidate.id)
         ORDER BY candidate.id LIMIT ? FOR UPDATE OF candidate SKIP LOCKED)
       RETURNING *`,
      bindings as never,
    );
    return result.rows.map(toMessage).sort((a, b) => a.id - b.id);
  }

  private async finish(id: number, workerId: string, fields: Record<string, unknown>): Promise<boolean> {
    const count = await this.db('outbox')
      .where({ id, locked_by: workerId, status: 'pending' })
      .update({ ...fields, locked_by: null, locked_until: null });
    return count === 1;
  }

  markSent(id: number, workerId: string): Promise<boolean> {
    return this.finish(id, workerId, { status: 'sent', sent_at: this.db.fn.now(), last_error: null });
  }

  markRetry(id: number, workerId: string, error: string, nextAttemptAt: Date): Promise<boolean> {
    return this.finish(id, workerId, { last_error: error.slice(0, 2000), next_attempt_at: nextAttemptAt });
  }

  markFailed(id: number, workerId: string, error: string): Promise<boolean> {
    return this.finish(id, workerId, { status: 'failed', last_error: error.slice(0, 2000) });
  }

  async requeue(id: number): Promise<{ requeued: boolean; message: OutboxMessage } | null> {
    if (!Number.isSafeInteger(id)) return null;
    const updated = await this.db('outbox').where({ id, status: 'failed' }).update({
      status: 'pending',
      tries: 0,
      next_attempt_at: this.db.fn.now(),
      locked_by: null,
      locked_until: null,
    });
    const row = (await this.db('outbox').where({ id }).first()) as Row | undefined;
    return row ? { requeued: updated === 1, message: toMessage(row) } : null;
  }

  async list(filter: OutboxListFilter = {}): Promise<OutboxMessage[]> {
    const query = this.db('outbox')
      .orderBy('id')
      .limit(filter.limit ?? 1000);
    if (filter.status) query.where({ status: filter.status });
    if (filter.topic) query.where({ topic: filter.topic });
    if (filter.organisationId !== undefined) query.where({ organisation_id: filter.organisationId });
    return ((await query) as Row[]).map(toMessage);
  }
}
