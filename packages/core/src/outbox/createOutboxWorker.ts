import type { OutboxMessage } from '../domain/OutboxMessage';
import { systemClock } from '../ports/Clock';
import { describeFailure, isPermanentFailure, retryAfterHintMs } from './deliveryFailure';
import type { OutboxRunSummary, OutboxWorker, OutboxWorkerEvent, OutboxWorkerOptions } from './OutboxWorker';
import { retryDelayMs } from './retryDelay';

type Outcome = 'sent' | 'retried' | 'failed' | 'leaseLost';

/**
 * Creates a worker that delivers the outbox messages of one topic at least once and, as long as
 * leases hold, exactly once: a message is only delivered while this worker's lease on it is
 * comfortably alive, and its outcome is recorded only if the lease still holds (the outbox's
 * mark* methods check it). Knows nothing about e-mail or LTI; `deliver` does the work.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const clock = options.clock ?? systemClock;
  const isPermanent = options.isPermanent ?? isPermanentFailure;
  const leaseMarginMs = options.leaseMarginMs ?? Math.min(Math.max(options.leaseMs, 0) / 10, 5_000);
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const recordRetryDelaysMs = options.recordRetryDelaysMs ?? [
    250, 500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
  ];
  const emit = (event: OutboxWorkerEvent): void => options.onEvent?.(event);

  /**
   * Stores an outcome, trying again while the outbox cannot (e.g. PostgreSQL restarting) and the
   * lease still holds; throws the last error when the pauses run out, which ends the run.
   */
  async function store(mark: () => Promise<boolean>, leaseDeadline: number): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await mark();
      } catch (error) {
        const pauseMs = recordRetryDelaysMs[attempt];
        if (pauseMs === undefined || clock.now().getTime() + pauseMs >= leaseDeadline) throw error;
        emit({ type: 'error', error });
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  async function record(
    message: OutboxMessage,
    outcome: 'sent' | 'retry' | 'failed',
    mark: () => Promise<boolean>,
    event: OutboxWorkerEvent,
    leaseDeadline: number,
  ): Promise<Outcome> {
    if (await store(mark, leaseDeadline)) {
      emit(event);
      return outcome === 'retry' ? 'retried' : outcome;
    }
    emit({ type: 'lease-lost', message, outcome });
    return 'leaseLost';
  }

  async function handle(message: OutboxMessage, leaseDeadline: number): Promise<Outcome> {
    if (clock.now().getTime() >= leaseDeadline) {
      emit({ type: 'lease-expired', message });
      return 'leaseLost';
    }
    const { outbox, workerId } = options;
    try {
      await options.deliver(message);
    } catch (error) {
      const description = describeFailure(error);
      const exhausted = options.maxTries !== undefined && message.tries >= options.maxTries;
      if (isPermanent(error) || exhausted) {
        const reason = exhausted && !isPermanent(error) ? `gave up after ${message.tries} tries: ` : '';
        const text = reason + description;
        return record(
          message,
          'failed',
          () => outbox.markFailed(message.id, workerId, text),
          { type: 'failed', message, error: text },
          leaseDeadline,
        );
      }
      // A receiver's Retry-After is honoured, up to the longest pause the backoff would make.
      const hintMs = Math.min(retryAfterHintMs(error) ?? 0, options.backoff.maxMs);
      const delayMs = Math.max(retryDelayMs(message.tries, options.backoff), hintMs);
      const nextAttemptAt = new Date(clock.now().getTime() + delayMs);
      return record(
        message,
        'retry',
        () => outbox.markRetry(message.id, workerId, description, nextAttemptAt),
        {
          type: 'retry',
          message,
          error: description,
          nextAttemptAt,
        },
        leaseDeadline,
      );
    }
    return record(
      message,
      'sent',
      () => outbox.markSent(message.id, workerId),
      { type: 'sent', message },
      leaseDeadline,
    );
  }

  async function runBatch(): Promise<OutboxRunSummary> {
    // The outbox sets the lease from its own clock; measuring from before the claim keeps this
    // worker's idea of the deadline no later than the real one.
    const leaseDeadline = clock.now().getTime() + options.leaseMs - leaseMarginMs;
    const messages = await options.outbox.claim(options.workerId, {
      limit: options.batchSize,
      leaseMs: options.leaseMs,
      topic: options.topic,
    });
    const counts: Record<Outcome, number> = { sent: 0, retried: 0, failed: 0, leaseLost: 0 };
    // One after another: a transport connection is reused, and the lease check stays meaningful.
    for (const message of messages) counts[await handle(message, leaseDeadline)] += 1;
    return { claimed: messages.length, ...counts };
  }

  let inFlight: Promise<OutboxRunSummary> | undefined;
  function runOnce(): Promise<OutboxRunSummary> {
    // Runs of one worker never overlap: a second caller waits for the current run, then runs.
    const previous = inFlight ?? Promise.resolve();
    const run = previous.then(runBatch, runBatch);
    inFlight = run;
    void run
      .finally(() => {
        if (inFlight === run) inFlight = undefined;
      })
      .catch(() => undefined);
    return run;
  }

  let loop: Promise<void> | undefined;
  let running = false;
  let wake: (() => void) | undefined;

  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, pollIntervalMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function poll(): Promise<void> {
    while (running) {
      let again = false;
      try {
        const summary = await runOnce();
        // Straight on after a full batch, and after any delivery: an ordered message (a later
        // grade of the same attempt) becomes claimable only once the one before it was sent.
        // Ends once a run sends nothing, so failures never spin: they wait for their retry time.
        again = summary.claimed >= options.batchSize || summary.sent > 0;
      } catch (error) {
        emit({ type: 'error', error });
      }
      if (running && !again) await pause();
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = poll();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await inFlight?.catch(() => undefined);
    },
  };
}
