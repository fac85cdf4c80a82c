import {
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerEvent,
  type OutboxWorkerOptions,
  type Platform,
} from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine, PlatformEmulator, type EmulatedLineItem } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createGradeDelivery, LtijsPlatformServices } from '../../src/internal';

// Real HTTP to the emulator's AGS endpoint on loopback, real outbox on both engines, real ltijs
// tokens: the grade worker as the app runs it, with short timeouts and pauses.
describeEachEngine('grade delivery through the outbox to the AGS endpoint', (database) => {
  let emulator: PlatformEmulator;
  let services: LtijsPlatformServices;
  let platform: Platform;
  let lineItem: EmulatedLineItem;
  const workers: OutboxWorker[] = [];
  let timestampMs = Date.parse('2026-03-02T08:00:00.000Z');

  before(async function () {
    this.timeout(120_000); // ltijs makes a 4096-bit RSA key for the platform
    services = new LtijsPlatformServices(
      createLtiStores(database().knex, { encryptionKey: randomBytes(32) }).ltijsDatabase,
    );
    emulator = await PlatformEmulator.start({
      clientId: 'grade-client',
      toolJwks: async () => ({ keys: [await services.publicJwk(platform)] }),
    });
    platform = await database().stores.tenants.addPlatform({
      issuer: emulator.issuer,
      clientId: emulator.clientId,
      name: 'Emulator',
      authUrl: emulator.authUrl,
      tokenUrl: emulator.tokenUrl,
      jwksUrl: emulator.jwksUrl,
      status: 'approved',
    });
    lineItem = emulator.ags.createLineItem({ label: 'Handledarutbildning', resourceLinkId: 'rl-1' });
    await services.register(platform);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    emulator.ags.up();
    emulator.ags.delay(0);
    emulator.ags.failNext(0, 500);
  });

  after(async () => {
    await emulator?.stop();
  });

  const events: { workerId: string; event: OutboxWorkerEvent }[] = [];
  const bus = new EventEmitter();

  /** Resolves once `condition` holds over the worker events so far, checked on each new one. */
  function waitForEvents(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        bus.off('event', check);
      };
      bus.on('event', check);
      check();
    });
  }

  const sentKeys = (prefix: string) =>
    events.filter(({ event }) => event.type === 'sent' && event.message.idempotencyKey.startsWith(prefix));

  function worker(workerId: string, options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
    const created = createOutboxWorker({
      outbox: database().stores.outbox,
      topic: 'grade',
      deliver: createGradeDelivery({
        stores: database().stores,
        tokens: services,
        requestTimeoutMs: 1_000,
        timeBudgetMs: 3_000,
      }),
      workerId,
      leaseMs: 60_000,
      leaseMarginMs: 5_000,
      batchSize: 5,
      backoff: { baseMs: 20, maxMs: 200 },
      pollIntervalMs: 20,
      ...options,
      onEvent: (event) => {
        events.push({ workerId, event });
        options.onEvent?.(event);
        bus.emit('event');
      },
    });
    workers.push(created);
    return created;
  }

  /** Enqueues `count` scores of one attempt, as the commit handler does; returns their timestamps. */
  async function enqueueScores(attempt: string, userId: string, count: number): Promise<string[]> {
    const timestamps: string[] = [];
    for (let seq = 1; seq <= count; seq += 1) {
      const timestamp = new Date((timestampMs += 1_000)).toISOString();
      timestamps.push(timestamp);
      await database().stores.outbox.enqueue({
        topic: 'grade',
        idempotencyKey: `grade:${attempt}:${seq}`,
        orderingKey: `grade:${attempt}`,
        payload: {
          attemptId: attempt,
          platformId: platform.id,
          lineItemUrl: lineItem.url,
          score: {
            userId,
            scoreGiven: Math.min(100, seq * 10),
            scoreMaximum: 100,
            activityProgress: seq === count ? 'Completed' : 'InProgress',
            gradingProgress: seq === count ? 'FullyGraded' : 'Pending',
            timestamp,
          },
        },
      });
    }
    return timestamps;
  }

  const received = (userId: string) =>
    emulator.ags.scores.filter((score) => score.userId === userId).map((score) => score.timestamp);

  /** Every score of every user arrived once, in the order written, and none was ignored. */
  function expectExactlyOnceInOrder(expected: Map<string, string[]>): void {
    for (const [userId, timestamps] of expected) expect(received(userId), userId).to.deep.equal(timestamps);
    expect(emulator.ags.ignored.filter((score) => expected.has(score.userId))).to.deep.equal([]);
  }

  const allArrived = (expected: Map<string, string[]>) => () =>
    [...expected].every(([userId, timestamps]) => received(userId).length >= timestamps.length);

  it('keeps retrying while the endpoint is down and then slow, and delivers every score once, in order', async function () {
    this.timeout(60_000);
    const expected = new Map<string, string[]>();
    emulator.ags.down();
    for (const n of [1, 2, 3])
      expected.set(`down-user-${n}`, await enqueueScores(`down-${n}`, `down-user-${n}`, 4));
    const retries: string[] = [];
    worker('w-down', { onEvent: (event) => event.type === 'retry' && retries.push(event.error) }).start();
    const answered503 = () => emulator.ags.answers.filter((status) => status === 503).length;
    await emulator.ags.waitFor(() => answered503() >= 6, 'six 503 answers');

    // Slower than the tool waits: each try times out and is tried again later.
    emulator.ags.delay(1_500);
    emulator.ags.up();
    const timeouts = () => retries.filter((error) => error.includes('no answer within')).length;
    const before = timeouts();
    await waitForEvents(() => timeouts() >= before + 2, 'two timed-out tries');
    expect(emulator.ags.scores.filter((score) => score.userId.startsWith('down-'))).to.deep.equal([]);

    // Slow but within the timeout: everything goes through.
    emulator.ags.delay(200);
    await emulator.ags.waitFor(allArrived(expected), 'all 12 scores');
    await waitForEvents(() => sentKeys('grade:down-').length === 12, 'all 12 marked sent');
    expectExactlyOnceInOrder(expected);
    const pending = await database().stores.outbox.list({ status: 'pending', topic: 'grade' });
    expect(pending.filter((message) => message.orderingKey?.startsWith('grade:down-'))).to.deep.equal([]);
  });

  it("waits as long as a 429's Retry-After asks before sending again", async function () {
    this.timeout(30_000);
    emulator.ags.failNext(1, 429, '1');
    const expected = new Map([['busy-user', await enqueueScores('busy', 'busy-user', 1)]]);
    const events: OutboxWorkerEvent[] = [];
    const busy = worker('w-busy', {
      backoff: { baseMs: 1, maxMs: 10_000 },
      onEvent: (event) => events.push(event),
    });
    expect(await busy.runOnce()).to.include({ claimed: 1, retried: 1 });
    const retry = events.find((event) => event.type === 'retry');
    const answeredAt = Date.now();
    expect(retry?.type === 'retry' && retry.nextAttemptAt.getTime() - answeredAt).to.be.greaterThan(800);
    busy.start();
    await emulator.ags.waitFor(allArrived(expected), 'the score after Retry-After');
    const arrived = emulator.ags.scores.find((score) => score.userId === 'busy-user')!;
    expect(arrived.receivedAt.getTime() - answeredAt).to.be.greaterThan(800);
    expectExactlyOnceInOrder(expected);
  });

  it('marks a score the platform refuses (400) failed at once, for staff to see', async () => {
    emulator.ags.failNext(1, 400);
    await enqueueScores('refused', 'refused-user', 1);
    expect(await worker('w-refused').runOnce()).to.include({ claimed: 1, failed: 1, retried: 0 });
    const [failed] = (await database().stores.outbox.list({ status: 'failed', topic: 'grade' })).filter(
      (message) => message.orderingKey === 'grade:refused',
    );
    expect(failed?.lastError).to.match(/^GRADE_SCORE_REJECTED: .* answered 400/);
    expect(received('refused-user')).to.deep.equal([]);
  });

  it('fetches a new token once when the cached one is refused (401), and gives up if that is refused too', async () => {
    const expected = new Map([['token-user', await enqueueScores('token', 'token-user', 2)]]);
    const tokenWorker = worker('w-token');
    await tokenWorker.runOnce(); // the first score goes out with the cached (or a new) token
    const issued = emulator.ags.tokensIssued;
    emulator.ags.revokeTokens();
    const answersBefore = emulator.ags.answers.length;
    expect(await tokenWorker.runOnce()).to.include({ sent: 1 });
    expect(emulator.ags.tokensIssued, 'one new token').to.equal(issued + 1);
    expect(emulator.ags.answers.slice(answersBefore)).to.deep.equal([401, 204]);
    expectExactlyOnceInOrder(expected);

    emulator.ags.failNext(2, 401);
    await enqueueScores('token-refused', 'token-refused-user', 1);
    expect(await tokenWorker.runOnce()).to.include({ failed: 1 });
    expect(emulator.ags.tokensIssued, 'exactly one more token').to.equal(issued + 2);
    const [failed] = (await database().stores.outbox.list({ status: 'failed', topic: 'grade' })).filter(
      (message) => message.orderingKey === 'grade:token-refused',
    );
    expect(failed?.lastError).to.match(/^GRADE_TOKEN_REFUSED/);
  });

  it('loses nothing and sends nothing twice when a worker dies mid-batch and a new one takes over', async function () {
    this.timeout(60_000);
    const expected = new Map<string, string[]>();
    for (const n of [1, 2])
      expected.set(`crash-user-${n}`, await enqueueScores(`crash-${n}`, `crash-user-${n}`, 3));
    // The first instance delivers one score, then "dies" in the middle of its next delivery:
    // its promise never settles and its lease (2 s) is left to run out.
    const realDelivery = createGradeDelivery({ stores: database().stores, tokens: services });
    let deliveries = 0;
    const dying = worker('w-dying', {
      leaseMs: 2_000,
      leaseMarginMs: 500,
      deliver: (message) => (deliveries++ === 0 ? realDelivery(message) : new Promise<void>(() => undefined)),
    });
    workers.pop(); // never stopped: the process is gone
    void dying.runOnce();
    await emulator.ags.waitFor(() => received('crash-user-1').length === 1, 'the first score');

    const successor = worker('w-successor');
    successor.start();
    await emulator.ags.waitFor(allArrived(expected), 'all 6 scores');
    await waitForEvents(() => sentKeys('grade:crash-').length === 6, 'all 6 marked sent');
    expectExactlyOnceInOrder(expected);
    const byWorker = sentKeys('grade:crash-').map(({ workerId }) => workerId);
    expect(byWorker.filter((id) => id === 'w-dying')).to.have.length(1);
  });

  it('with two workers at once, sends each score once, each attempt in order', async function () {
    this.timeout(60_000);
    const expected = new Map<string, string[]>();
    for (const n of [1, 2, 3, 4, 5])
      expected.set(`pair-user-${n}`, await enqueueScores(`pair-${n}`, `pair-user-${n}`, 6));
    emulator.ags.delay(5); // a little latency, so the two workers' batches overlap
    worker('w-one', { batchSize: 3 }).start();
    worker('w-two', { batchSize: 3 }).start();
    await emulator.ags.waitFor(allArrived(expected), 'all 30 scores');
    await waitForEvents(() => sentKeys('grade:pair-').length === 30, 'all 30 marked sent');
    expectExactlyOnceInOrder(expected);
    const sent = sentKeys('grade:pair-');
    expect(new Set(sent.map(({ event }) => 'message' in event && event.message.id)).size).to.equal(30);
  });
});
