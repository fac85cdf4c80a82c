import { AppError, type OutboxMessage, type OutboxStatus, type OutboxTopic } from '@kompetenta/core';
import type { Command } from 'commander';
import { withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];
const TOPICS: readonly OutboxTopic[] = ['grade', 'mail'];

interface ListOptions {
  status?: string;
  topic?: string;
  limit: string;
}

/** Every problem with the options at once, each naming its option. */
function readListOptions(options: ListOptions): {
  status?: OutboxStatus;
  topic?: OutboxTopic;
  limit: number;
} {
  const problems: string[] = [];
  const status = STATUSES.find((value) => value === options.status);
  const topic = TOPICS.find((value) => value === options.topic);
  if (options.status !== undefined && !status)
    problems.push(`--status must be one of ${STATUSES.join(', ')}`);
  if (options.topic !== undefined && !topic) problems.push(`--topic must be one of ${TOPICS.join(', ')}`);
  const limit = Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
    problems.push('--limit must be a whole number from 1 to 1000');
  if (problems.length > 0) throw new AppError('APP_USAGE_INVALID', `${problems.join('; ')}.`, { problems });
  return { ...(status ? { status } : {}), ...(topic ? { topic } : {}), limit };
}

function readId(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id))
    throw new AppError('APP_USAGE_INVALID', `The outbox message id must be a whole number, not "${text}".`);
  return id;
}

/** Who or what a message is for, without personal data: the grade's attempt, or the mail template. */
function subjectOf(message: OutboxMessage): string {
  const payload = message.payload;
  if (message.topic === 'grade' && typeof payload.attemptId === 'string')
    return `attempt ${payload.attemptId}`;
  if (message.topic === 'mail' && typeof payload.template === 'string') return `template ${payload.template}`;
  return message.idempotencyKey;
}

function describeMessage(message: OutboxMessage): string {
  const when =
    message.status === 'sent'
      ? `sent ${message.sentAt?.toISOString() ?? '?'}`
      : message.status === 'pending'
        ? `next try ${message.nextAttemptAt.toISOString()}`
        : `created ${message.createdAt.toISOString()}`;
  const error = message.lastError ? `  last error: ${message.lastError}` : '';
  return `${message.id}  ${message.status.padEnd(7)}  ${message.topic.padEnd(5)}  tries ${message.tries}  ${when}  ${subjectOf(message)}${error}`;
}

/**
 * `kompetenta outbox list|retry`: what the grade and mail workers could not deliver, for staff.
 * A message fails for good when the receiver refused it (an LMS answering 400, a mailbox that
 * does not exist); after fixing the cause, `retry` queues it again. Every retry is audited.
 */
export function registerOutboxCommand(program: Command, ctx: ConfiguredContext): void {
  const outbox = program
    .command('outbox')
    .description(
      'See grades and e-mails waiting to be sent or refused for good, and send a failed one again.',
    );

  outbox
    .command('list')
    .description('List outbox messages, oldest first: id, status, topic, tries, when, what for, last error.')
    .option('--status <status>', `only messages with this status (${STATUSES.join(', ')})`)
    .option('--topic <topic>', `only grades or only e-mails (${TOPICS.join(', ')})`)
    .option('--limit <n>', 'at most this many messages', '100')
    .action(async (options: ListOptions) => {
      const filter = readListOptions(options);
      await withMigratedDatabase(ctx, async (database) => {
        const messages = await database.stores.outbox.list(filter);
        if (messages.length === 0) ctx.out('No outbox messages match.');
        for (const message of messages) ctx.out(describeMessage(message));
      });
    });

  outbox
    .command('retry <id>')
    .description('Queue a failed message again (after fixing what made the receiver refuse it).')
    .action(async (idText: string) => {
      const id = readId(idText);
      await withMigratedDatabase(ctx, (database) =>
        database.stores.transaction(async (stores) => {
          const result = await stores.outbox.requeue(id);
          if (!result)
            throw new AppError('STORE_RECORD_NOT_FOUND', `There is no outbox message ${id}.`, { id });
          const { requeued, message } = result;
          if (!requeued)
            throw new AppError(
              'STORE_RECORD_CONFLICT',
              `Outbox message ${id} is ${message.status}, not failed: only a failed message can be sent again.`,
              { id, status: message.status },
            );
          await stores.audit.append({
            actor: 'cli',
            action: 'outbox.retry',
            subject: `outbox:${id}`,
            organisationId: message.organisationId,
            details: {
              topic: message.topic,
              idempotencyKey: message.idempotencyKey,
              lastError: message.lastError,
            },
          });
          ctx.out(
            `Outbox message ${id} (${message.topic}, ${subjectOf(message)}) is queued again and goes out shortly.`,
          );
        }),
      );
    });
}
