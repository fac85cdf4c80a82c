import { signAttemptToken } from '@kompetenta/lti-server/internal';
import { openDatabase, type Database } from '@kompetenta/storage';
import {
  PlatformEmulator,
  SmtpTestServer,
  unusedLoopbackPort,
  type ReceivedMail,
} from '@kompetenta/test-utils';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JSONWebKeySet } from 'jose';
import { AppProcess, type HeapSample } from './appProcess';
import { HttpLedger } from './httpLedger';
import { runLearner, type LearnerContext, type SessionRecord } from './learner';
import { PrivatePostgres } from './privatePostgres';
import type { SoakOptions } from './soakOptions';
import type { SoakObservations } from './soakChecks';

const COURSE = 'handledare';
const RESOURCE_LINK = 'soak-link';
const READINESS_POLL_MS = 250;
const MEMORY_SAMPLE_MS = 5_000;

/** A course source the app builds and registers at start (one course keeps every start short). */
function courseSourceCopy(into: string): string {
  const dir = join(into, 'courses');
  cpSync(join(__dirname, '../../courses', COURSE), join(dir, COURSE), { recursive: true });
  return dir;
}

/** Runs `task` until it succeeds or `budgetMs` has passed (the harness's own writes, e.g. during the PostgreSQL outage). */
async function persistently<T>(budgetMs: number, task: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + budgetMs;
  for (;;) {
    try {
      return await task();
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await sleep(500);
    }
  }
}

/** Polls `condition` every second until it holds or `timeoutMs` passes; resolves with whether it held. */
async function pollUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(1_000);
  }
}

/**
 * One soak run: a private PostgreSQL, the app as a child process (`kompetenta start`), the LMS
 * (PlatformEmulator, AGS) and SMTP (SmtpTestServer) in this process, `learners` simulated learners
 * for `durationMs`, and the faults of `options` at their times. Afterwards it waits for the outbox
 * to drain and collects what the checks need. Everything it started is stopped and deleted, also
 * when it fails. `progress` hears one line per phase.
 */
export async function runSoak(
  options: SoakOptions,
  progress: (line: string) => void,
): Promise<SoakObservations> {
  const workDir = mkdtempSync(join(tmpdir(), 'kompetenta-soak-'));
  const keptLog = join(tmpdir(), 'kompetenta-soak-app.log');
  const cleanup: (() => Promise<unknown>)[] = [
    () => {
      // The app's log outlives the run, for reading after a failed check.
      if (existsSync(join(workDir, 'app.log'))) copyFileSync(join(workDir, 'app.log'), keptLog);
      rmSync(workDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  ];
  try {
    const postgres = await PrivatePostgres.start({ maxConnections: 100 });
    cleanup.unshift(() => postgres.dispose());
    progress(`private PostgreSQL on 127.0.0.1:${postgres.port}`);

    const smtpPort = await unusedLoopbackPort();
    const smtpServers = [await SmtpTestServer.start({ port: smtpPort })];
    cleanup.unshift(() => Promise.all(smtpServers.map((server) => server.stop())));
    const mails = (): ReceivedMail[] => smtpServers.flatMap((server) => server.messages);

    const toolPort = await unusedLoopbackPort();
    const toolUrl = `http://127.0.0.1:${toolPort}`;
    // The emulator checks the tool's AGS client assertions against the tool's published keys,
    // cached as LMSs do: while the app restarts its /lti/keys does not answer.
    let toolKeys: JSONWebKeySet | undefined;
    const emulator = await PlatformEmulator.start({
      clientId: 'soak-client',
      toolJwks: async () => {
        try {
          toolKeys = (await (await fetch(`${toolUrl}/lti/keys`)).json()) as JSONWebKeySet;
        } catch (error) {
          if (!toolKeys) throw error;
        }
        return toolKeys;
      },
    });
    cleanup.unshift(() => emulator.stop());
    const lineItem = emulator.ags.createLineItem({
      label: 'Handledarutbildning',
      resourceLinkId: RESOURCE_LINK,
    });

    const attemptSecret = randomBytes(32).toString('base64');
    const app = new AppProcess(
      {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(toolPort),
        PUBLIC_URL: toolUrl,
        DATABASE_URL: postgres.url,
        DATABASE_POOL_MAX: '20',
        DATA_DIR: join(workDir, 'data'),
        COURSES_DIR: courseSourceCopy(workDir),
        LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'kurser@example.se',
        ATTEMPT_TOKEN_SECRET: attemptSecret,
        SHUTDOWN_TIMEOUT_MS: '15000',
      },
      join(workDir, 'app.log'),
    );
    cleanup.unshift(() => app.dispose());
    await app.start();
    progress(`app (pid ${app.pid}) on ${toolUrl}`);

    const database: Database = await openDatabase({ url: postgres.url, poolMax: 4 });
    cleanup.unshift(() => database.close());
    const { stores } = database;
    const organisation = await stores.organisations.create({ name: 'Soakföreningen' });
    const platform = await stores.tenants.addPlatform({
      issuer: emulator.issuer,
      clientId: emulator.clientId,
      name: 'Soak-LMS',
      authUrl: emulator.authUrl,
      tokenUrl: emulator.tokenUrl,
      jwksUrl: emulator.jwksUrl,
      status: 'approved',
    });
    await stores.tenants.addDeployment(platform.id, emulator.deploymentId, organisation.id);
    const version = await stores.courses.latestVersion(COURSE);
    if (!version) throw new Error(`the app did not register the course ${COURSE}`);
    const secretBytes = Buffer.from(attemptSecret, 'utf8');

    const ledger = new HttpLedger();
    const contextUntil = (loadEndsAt: number): LearnerContext => ({
      toolUrl,
      emulator,
      ledger,
      resourceLinkId: RESOURCE_LINK,
      course: COURSE,
      commitsPerSession: options.commitsPerSession,
      commitIntervalMs: options.commitIntervalMs,
      loadEndsAt,
      retryBudgetMs: options.retryBudgetMs,
      // As the standalone course list does it: the person (with an e-mail address) and a new attempt.
      openStandaloneAttempt: (learner, session) =>
        persistently(options.retryBudgetMs, async () => {
          const person = await stores.people.upsertByEmail({
            organisationId: organisation.id,
            email: `fristaende-${learner}-${session}@example.se`,
            name: `Fristående ${learner}`,
          });
          const attempt = await stores.attempts.create({
            organisationId: organisation.id,
            personId: person.id,
            courseVersionId: version.id,
            scormVersion: '2004',
          });
          const claims = { attemptId: attempt.id, organisationId: organisation.id, personId: person.id };
          return { attemptId: attempt.id, token: await signAttemptToken(secretBytes, claims, new Date()) };
        }),
    });

    // Warm-up: the first grade makes the app create its key for the platform (RSA 4096, seconds
    // of CPU); one launch and commit pay that before the clock of the faults starts.
    const warmUp: SessionRecord[] = [];
    // Its load ends at once, so its one session sends a single, completing commit.
    await runLearner(contextUntil(Date.now() + 1_000), options.learners, false, warmUp);
    if (!warmUp[0]?.completed)
      throw new Error(`the warm-up session failed: ${warmUp[0]?.abandoned ?? 'no session'}`);
    await emulator.ags.waitFor(() => emulator.ags.scores.length > 0, 'the warm-up score', 180_000);
    progress('warm-up: one launch, commits and score delivered');
    const loadStartedAt = Date.now();
    const context = contextUntil(loadStartedAt + options.durationMs);

    // Monitors: /readyz and the app's memory, until the drain is over.
    let monitoring = true;
    const readiness: { at: number; status: number | undefined }[] = [];
    const memory: { at: number; pid: number; rss: number }[] = [];
    const heap: ({ at: number; pid: number } & HeapSample)[] = [];
    const readinessMonitor = (async () => {
      while (monitoring) {
        const answer = await fetch(`${toolUrl}/readyz`, { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        );
        await answer?.arrayBuffer().catch(() => undefined);
        readiness.push({ at: Date.now(), status: answer?.status });
        await sleep(READINESS_POLL_MS);
      }
    })();
    const memoryMonitor = (async () => {
      while (monitoring) {
        const rss = app.residentBytes();
        if (rss !== undefined && app.pid !== undefined) memory.push({ at: Date.now(), pid: app.pid, rss });
        await sleep(MEMORY_SAMPLE_MS);
      }
    })();
    // Live heap: the app runs a full GC and reports process.memoryUsage() (through the launcher's
    // IPC handler). With SOAK_HEAP_SNAPSHOTS=<dir>, the restarted app also writes a heap snapshot
    // (V8 collects fully first) at its first sample after the warm-up and at the end of the load,
    // for comparing by constructor. Writing one pauses the app for seconds and leaves RSS higher.
    const snapshotDir = process.env.SOAK_HEAP_SNAPSHOTS;
    let snapshots = 0;
    const snapshot = async (pid: number) => {
      snapshots += 1;
      const path = join(
        snapshotDir!,
        `soak-${pid}-${Math.round((Date.now() - loadStartedAt) / 1000)}s.heapsnapshot`,
      );
      const ms = await app.writeHeapSnapshot(path).catch((error: unknown) => {
        progress(`heap snapshot failed: ${String(error)}`);
        return undefined;
      });
      if (ms !== undefined) progress(`heap snapshot ${path} (${ms} ms)`);
    };
    const heapMonitor = (async () => {
      while (monitoring) {
        const pid = app.pid;
        const sample = await app.heapAfterGc().catch(() => undefined); // restarting or stopped meanwhile
        if (sample && pid !== undefined) {
          const at = Date.now();
          heap.push({ at, pid, ...sample });
          const restarted = pid !== heap[0]?.pid;
          const warm =
            restarted && at - (heap.find((s) => s.pid === pid)?.at ?? at) >= options.memoryWarmUpMs;
          if (snapshotDir && snapshots === 0 && warm) await snapshot(pid);
        }
        await sleep(options.heapSampleMs);
      }
    })();

    const sessions: SessionRecord[] = [];
    progress(`load: ${options.learners} learners for ${options.durationMs / 1000} s`);
    const learners = Array.from({ length: options.learners }, (_, learner) =>
      runLearner(context, learner, (learner + 1) % options.standaloneEvery === 0, sessions),
    );

    const at = (offsetMs: number) => sleep(Math.max(0, loadStartedAt + offsetMs - Date.now()));
    const faults: {
      sigterm: Promise<SoakObservations['injected']['sigterm']>;
      postgres: Promise<SoakObservations['injected']['postgres']>;
      ags: Promise<SoakObservations['injected']['ags']>;
      smtp: Promise<SoakObservations['injected']['smtp']>;
    } = {
      sigterm: (async () => {
        await at(options.sigtermAtMs);
        const signalledAt = Date.now();
        progress('fault: SIGTERM to the app');
        const exitCode = await app.terminate();
        const exitedAt = Date.now();
        await app.start();
        const restartedAt = Date.now();
        progress(`app restarted (pid ${app.pid}) after ${((restartedAt - signalledAt) / 1000).toFixed(1)} s`);
        return {
          signalledAt,
          exitedAt,
          restartedAt,
          exitCode,
          scoresBefore: emulator.ags.scores.length,
          mailsBefore: mails().length,
        };
      })(),
      postgres: (async () => {
        await at(options.postgresDown.atMs);
        progress('fault: PostgreSQL stopped');
        const stoppedAt = Date.now();
        await postgres.stop();
        await sleep(options.postgresDown.forMs);
        await postgres.resume();
        progress('PostgreSQL started again');
        return { stoppedAt, startedAt: Date.now() };
      })(),
      ags: (async () => {
        await at(options.agsDown.atMs);
        progress('fault: AGS endpoint answers 503');
        emulator.ags.down();
        const downAt = Date.now();
        const answersBefore = emulator.ags.answers.length;
        await sleep(options.agsDown.forMs);
        emulator.ags.up();
        progress('AGS endpoint up');
        const refused = emulator.ags.answers.slice(answersBefore).filter((status) => status === 503).length;
        return { downAt, upAt: Date.now(), refused };
      })(),
      smtp: (async () => {
        await at(options.smtpDown.atMs);
        progress('fault: SMTP refuses connections');
        const downAt = Date.now();
        // Closing the listener refuses new connections at once; open ones are closed meanwhile.
        const closed = smtpServers[smtpServers.length - 1]!.stop();
        await sleep(options.smtpDown.forMs);
        await closed;
        smtpServers.push(await SmtpTestServer.start({ port: smtpPort }));
        progress('SMTP accepts again');
        return { downAt, upAt: Date.now(), mailsBefore: mails().length };
      })(),
    };
    // Awaited after the load; a fault that fails must not crash the process meanwhile.
    for (const fault of Object.values(faults)) fault.catch(() => undefined);
    await Promise.all(learners);
    const loadEndedAt = Date.now();
    if (snapshotDir && snapshots === 1 && app.pid !== undefined) await snapshot(app.pid);
    progress(
      `load over after ${((loadEndedAt - loadStartedAt) / 1000).toFixed(0)} s; ${sessions.length} sessions`,
    );
    const injected = {
      sigterm: await faults.sigterm,
      postgres: await faults.postgres,
      ags: await faults.ags,
      smtp: await faults.smtp,
    };

    // Drain: nothing left in the outbox, every score and e-mail delivered (or the deadline).
    const drained = await pollUntil(async () => {
      const [{ pending }] = (await database
        .knex('outbox')
        .where({ status: 'pending' })
        .count('* as pending')) as unknown as [{ pending: string }];
      return Number(pending) === 0;
    }, options.drainTimeoutMs);
    const drainedAt = Date.now();
    progress(
      drained
        ? `outbox drained ${((drainedAt - loadEndedAt) / 1000).toFixed(0)} s after the load`
        : 'outbox NOT drained',
    );
    monitoring = false;
    await Promise.all([readinessMonitor, memoryMonitor, heapMonitor]);

    const attempts = await database
      .knex<{ id: string; commit_seq: string | number; completed_at: Date | null }>('attempts')
      .select('id', 'commit_seq', 'completed_at');
    const outbox = await database
      .knex<{ topic: string; status: string; tries: number | string }>('outbox')
      .select('topic', 'status', 'tries');
    return {
      options,
      loadStartedAt,
      loadEndedAt,
      drained,
      drainedAt,
      sessions,
      ledger: ledger.entries,
      readiness,
      memory,
      heap,
      injected,
      attempts: attempts.map((row) => ({
        id: row.id,
        commitSeq: Number(row.commit_seq),
        completed: row.completed_at !== null,
      })),
      outbox: outbox.map((row) => ({ topic: row.topic, status: row.status, tries: Number(row.tries) })),
      scores: emulator.ags.scores.map((score) => ({
        userId: score.userId,
        activityProgress: String(score.body.activityProgress),
        gradingProgress: String(score.body.gradingProgress),
        receivedAt: score.receivedAt.getTime(),
        lineItemId: score.lineItemId,
      })),
      lineItemId: lineItem.id,
      ignoredScores: emulator.ags.ignored.length,
      mails: mails().map((mail) => ({
        text: `${mail.parsed.text ?? ''}${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`,
      })),
      appErrorLines: app.errorLines.length,
      appExitCodes: app.exitCodes,
      appLog: keptLog,
    };
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}
