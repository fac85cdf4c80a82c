import { expect } from 'chai';
import {
  AppError,
  createOutboxWorker,
  retryDelayCapMs,
  retryDelayMs,
  type Clock,
  type NewOutboxMessage,
  type Outbox,
  type OutboxMessage,
  type OutboxWorkerOptions,
} from '../../src/index';

/** A clock the test moves by hand. */
class TestClock implements Clock {
  constructor(public ms = Date.parse('2026-03-02T08:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
}

/** An outbox double with the port's lease rules, on the test clock. The real one is tested in integration. */
class LeasingOutbox implements Outbox {
  readonly rows = new Map<number, OutboxMessage & { lockedBy?: string; lockedUntil?: number }>();
  constructor(private readonly clock: TestClock) {}
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage> {
    const id = this.rows.size + 1;
    const row: OutboxMessage = {
      id,
      topic: message.topic,
      idempotencyKey: message.idempotencyKey,
      organisationId: null,
      payload: message.payload,
      status: 'pending',
      tries: 0,
      nextAttemptAt: this.clock.now(),
      lastError: null,
      createdAt: this.clock.now(),
      sentAt: null,
    };
    this.rows.set(id, row);
    return Promise.resolve(row);
  }
  claim(
    workerId: string,
    options: { limit: number; leaseMs: number; topic?: string },
  ): Promise<OutboxMessage[]> {
    const now = this.clock.ms;
    const due = [...this.rows.values()].filter(
      (row) =>
        row.status === 'pending' &&
        row.nextAttemptAt.getTime() <= now &&
        (row.lockedUntil === undefined || row.lockedUntil < now) &&
        (!options.topic || row.topic === options.topic),
    );
    return Promise.resolve(
      due.slice(0, options.limit).map((row) => {
        const claimed = {
          ...row,
          tries: row.tries + 1,
          lockedBy: workerId,
          lockedUntil: now + options.leaseMs,
        };
        this.rows.set(row.id, claimed);
        return claimed;
      }),
    );
  }
  private finish(id: number, workerId: string, fields: Partial<OutboxMessage>): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.lockedBy !== workerId || row.status !== 'pending') return Promise.resolve(false);
    const released = { ...row, ...fields };
    delete released.lockedBy;
    delete released.lockedUntil;
    this.rows.set(id, released);
    return Promise.resolve(true);
  }
  markSent(id: number, workerId: string): Promise<boolean> {
    return this.finish(id, workerId, { status: 'sent', sentAt: this.clock.now() });
  }
  markRetry(id: number, workerId: string, error: string, nextAttemptAt: Date): Promise<boolean> {
    return this.finish(id, workerId, { lastError: error, nextAttemptAt });
  }
  markFailed(id: number, workerId: string, error: string): Promise<boolean> {
    return this.finish(id, workerId, { status: 'failed', lastError: error });
  }
  requeue(id: number): Promise<{ requeued: boolean; message: OutboxMessage } | null> {
    const row = this.rows.get(id);
    if (!row) return Promise.resolve(null);
    if (row.status !== 'failed') return Promise.resolve({ requeued: false, message: row });
    const message = { ...row, status: 'pending' as const, tries: 0 };
    this.rows.set(id, message);
    return Promise.resolve({ requeued: true, message });
  }
  list(): Promise<OutboxMessage[]> {
    return Promise.resolve([...this.rows.values()]);
  }
  row(id: number): OutboxMessage {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no row ${id}`);
    return row;
  }
}

const permanent = () => new AppError('APP_CONFIG_INVALID', 'rejected for good', { permanent: true });

function setup(overrides: Partial<OutboxWorkerOptions> = {}) {
  const clock = new TestClock();
  const outbox = new LeasingOutbox(clock);
  const delivered: number[] = [];
  const options: OutboxWorkerOptions = {
    outbox,
    topic: 'mail',
    workerId: 'worker-a',
    leaseMs: 60_000,
    batchSize: 10,
    clock,
    backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 },
    deliver: (message) => {
      delivered.push(message.id);
      return Promise.resolve();
    },
    ...overrides,
  };
  return { clock, outbox, delivered, worker: createOutboxWorker(options) };
}

const mail = (key: string): NewOutboxMessage => ({ topic: 'mail', idempotencyKey: key, payload: {} });

describe('outbox worker: retry delay', () => {
  it('doubles the cap from baseMs after each failed try and never exceeds maxMs', () => {
    const policy = { baseMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 50, 5_000].map((tries) => retryDelayCapMs(tries, policy))).to.deep.equal([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('draws the delay uniformly below the cap (full jitter)', () => {
    const policy = (random: number) => ({ baseMs: 1_000, maxMs: 30_000, random: () => random });
    expect(retryDelayMs(3, policy(0))).to.equal(0);
    expect(retryDelayMs(3, policy(0.25))).to.equal(1_000);
    expect(retryDelayMs(3, policy(0.999_999))).to.equal(3_999);
  });
});

describe('outbox worker: delivery', () => {
  it('delivers due messages of its topic and marks them sent', async () => {
    const { outbox, delivered, worker } = setup();
    await outbox.enqueue(mail('a'));
    await outbox.enqueue({ ...mail('grade'), topic: 'grade' });
    expect(await worker.runOnce()).to.deep.equal({
      claimed: 1,
      sent: 1,
      retried: 0,
      failed: 0,
      leaseLost: 0,
    });
    expect(delivered).to.deep.equal([1]);
    expect(outbox.row(1).status).to.equal('sent');
    expect(outbox.row(2).status).to.equal('pending');
  });

  it('retries a transient failure at now + jittered exponential backoff, then delivers', async () => {
    let failures = 2;
    const { clock, outbox, worker } = setup({
      deliver: () => (failures-- > 0 ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve()),
    });
    await outbox.enqueue(mail('a'));
    const start = clock.ms;

    expect((await worker.runOnce()).retried).to.equal(1);
    expect(outbox.row(1).lastError).to.equal('connect ECONNREFUSED');
    expect(outbox.row(1).nextAttemptAt.getTime()).to.equal(start + 500); // 0.5 × 1 000

    expect((await worker.runOnce()).claimed, 'not due yet').to.equal(0);
    clock.ms = start + 500;
    expect((await worker.runOnce()).retried).to.equal(1);
    expect(outbox.row(1).nextAttemptAt.getTime()).to.equal(start + 500 + 1_000); // 0.5 × 2 000

    clock.ms += 1_000;
    expect((await worker.runOnce()).sent).to.equal(1);
    expect(outbox.row(1)).to.include({ status: 'sent', tries: 3 });
  });

  it("waits at least the receiver's Retry-After, up to the backoff's longest pause", async () => {
    const busy = (retryAfterMs: number) =>
      new AppError('APP_CONFIG_INVALID', 'too many requests', { retryAfterMs });
    const hints = [30_000, 10, 5 * 3_600_000];
    const { clock, outbox, worker } = setup({ deliver: () => Promise.reject(busy(hints.shift()!)) });
    await outbox.enqueue(mail('a'));
    const start = clock.ms;
    await worker.runOnce();
    expect(outbox.row(1).nextAttemptAt.getTime(), 'the hint, above the backoff').to.equal(start + 30_000);
    clock.ms = start + 30_000;
    await worker.runOnce();
    expect(outbox.row(1).nextAttemptAt.getTime(), 'the backoff, above the hint').to.equal(clock.ms + 1_000);
    clock.ms += 1_000;
    await worker.runOnce();
    expect(outbox.row(1).nextAttemptAt.getTime(), 'capped at maxMs').to.equal(clock.ms + 60_000);
  });

  it('marks a permanent failure failed and never tries it again', async () => {
    const { clock, outbox, worker } = setup({ deliver: () => Promise.reject(permanent()) });
    await outbox.enqueue(mail('a'));
    expect((await worker.runOnce()).failed).to.equal(1);
    expect(outbox.row(1)).to.include({
      status: 'failed',
      lastError: 'APP_CONFIG_INVALID: rejected for good',
    });
    clock.ms += 24 * 3_600_000;
    expect((await worker.runOnce()).claimed).to.equal(0);
  });

  it('gives up after maxTries transient failures, saying so', async () => {
    const { clock, outbox, worker } = setup({
      maxTries: 2,
      deliver: () => Promise.reject(new Error('timeout')),
    });
    await outbox.enqueue(mail('a'));
    expect((await worker.runOnce()).retried).to.equal(1);
    clock.ms += 60_000;
    expect((await worker.runOnce()).failed).to.equal(1);
    expect(outbox.row(1)).to.include({ status: 'failed', lastError: 'gave up after 2 tries: timeout' });
  });

  it('does not deliver a message whose lease has already run out', async () => {
    const { outbox, delivered, worker } = setup({ leaseMs: -1_000 });
    await outbox.enqueue(mail('a'));
    expect(await worker.runOnce()).to.include({ claimed: 1, leaseLost: 1, sent: 0 });
    expect(delivered).to.deep.equal([]);
    expect(outbox.row(1).status).to.equal('pending');
  });

  it('stops delivering a batch when the lease nears its end, leaving the rest to another worker', async () => {
    const clockRef: { clock?: TestClock } = {};
    const { clock, outbox, worker } = setup({
      leaseMs: 10_000,
      deliver: () => {
        if (clockRef.clock) clockRef.clock.ms += 6_000; // each delivery takes 6 s of a 10 s lease (margin 1 s)
        return Promise.resolve();
      },
    });
    clockRef.clock = clock;
    for (const key of ['a', 'b', 'c']) await outbox.enqueue(mail(key));
    expect(await worker.runOnce()).to.include({ claimed: 3, sent: 2, leaseLost: 1 });
    expect(outbox.row(3).status).to.equal('pending');
  });

  it('reports lease-lost, not sent, when another worker took the message during delivery', async () => {
    const events: string[] = [];
    const thief: { outbox?: LeasingOutbox } = {};
    const { outbox, worker } = setup({
      onEvent: (event) => events.push(event.type),
      deliver: () => {
        // While this delivery runs, the lease expires and worker-b claims the message.
        const row = thief.outbox?.rows.get(1);
        if (row) thief.outbox?.rows.set(1, { ...row, lockedBy: 'worker-b' });
        return Promise.resolve();
      },
    });
    thief.outbox = outbox;
    await outbox.enqueue(mail('a'));
    expect(await worker.runOnce()).to.include({ sent: 0, leaseLost: 1 });
    expect(events).to.deep.equal(['lease-lost']);
  });

  it('claims again at once after a run that sent something (a next ordered message waits for no pause)', async () => {
    const ref: { outbox?: LeasingOutbox } = {};
    let secondSent: (() => void) | undefined;
    const second = new Promise<void>((resolve) => (secondSent = resolve));
    const { outbox, worker } = setup({
      pollIntervalMs: 3_600_000,
      // Sending 'a' is what makes 'b' claimable, as sending a grade frees the next one of its attempt.
      deliver: async (message) => {
        if (message.idempotencyKey === 'a') await ref.outbox!.enqueue(mail('b'));
        else secondSent?.();
      },
    });
    ref.outbox = outbox;
    await outbox.enqueue(mail('a'));
    worker.start();
    await second;
    await worker.stop();
    expect(outbox.row(2).status).to.equal('sent');
  });

  it('stop() waits for the delivery in flight and records it', async () => {
    let release: (() => void) | undefined;
    let deliveryStarted: (() => void) | undefined;
    const started = new Promise<void>((resolve) => (deliveryStarted = resolve));
    const { outbox, worker } = setup({
      deliver: () =>
        new Promise<void>((resolve) => {
          release = resolve;
          deliveryStarted?.();
        }),
    });
    await outbox.enqueue(mail('a'));
    worker.start();
    await started;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    // One turn of the event loop settles every promise that does not depend on the delivery.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped, 'stop waits for the batch').to.equal(false);
    expect(outbox.row(1).status).to.equal('pending');
    release?.();
    await stopping;
    expect(outbox.row(1).status).to.equal('sent');
  });
});

describe('outbox worker: an outbox that cannot store an outcome for a while', () => {
  /** markSent throws (the database restarting) for its first `failures` calls. */
  function flakyMarkSent(outbox: LeasingOutbox, failures: number): { calls: () => number } {
    let calls = 0;
    const markSent = outbox.markSent.bind(outbox);
    outbox.markSent = (id, workerId) => {
      calls += 1;
      if (calls <= failures)
        return Promise.reject(new Error('terminating connection due to administrator command'));
      return markSent(id, workerId);
    };
    return { calls: () => calls };
  }

  it('stores "sent" once the outbox answers again, so the message is delivered once, not again after the lease', async () => {
    const events: string[] = [];
    const { clock, outbox, delivered, worker } = setup({
      recordRetryDelaysMs: [0, 0, 0],
      onEvent: (event) => events.push(event.type),
    });
    const marks = flakyMarkSent(outbox, 2);
    await outbox.enqueue(mail('a'));
    await outbox.enqueue(mail('b'));
    expect(await worker.runOnce()).to.include({ claimed: 2, sent: 2 });
    expect(marks.calls()).to.equal(4);
    expect(outbox.row(1).status).to.equal('sent');
    expect(outbox.row(2).status, 'the rest of the batch is delivered too').to.equal('sent');
    expect(events).to.deep.equal(['error', 'error', 'sent', 'sent']);
    clock.ms += 120_000; // past the lease: nothing is left to claim again
    expect(await worker.runOnce()).to.include({ claimed: 0 });
    expect(delivered).to.deep.equal([1, 2]);
  });

  it('gives up recording when its pauses run out: the run fails and the message keeps its lease', async () => {
    const { outbox, delivered, worker } = setup({ recordRetryDelaysMs: [0] });
    flakyMarkSent(outbox, 5);
    await outbox.enqueue(mail('a'));
    let failure: unknown;
    await worker.runOnce().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.contain('administrator command');
    expect(delivered).to.deep.equal([1]);
    expect(outbox.row(1).status).to.equal('pending');
  });

  it('never pauses past the lease: a pause that would outlast it ends the run at once', async () => {
    const { outbox, worker } = setup({ leaseMs: 60_000, recordRetryDelaysMs: [120_000] });
    const marks = flakyMarkSent(outbox, 1);
    await outbox.enqueue(mail('a'));
    const started = Date.now();
    await worker.runOnce().catch(() => undefined);
    expect(marks.calls()).to.equal(1);
    expect(Date.now() - started).to.be.below(5_000);
  });
});
