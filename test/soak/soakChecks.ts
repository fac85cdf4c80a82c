import type { HeapSample } from './appProcess';
import type { LedgerEntry } from './httpLedger';
import type { SessionRecord } from './learner';
import type { SoakOptions } from './soakOptions';

/** What a soak run saw; {@link judgeSoak} turns it into the results table. */
export interface SoakObservations {
  readonly options: SoakOptions;
  readonly loadStartedAt: number;
  readonly loadEndedAt: number;
  readonly drained: boolean;
  readonly drainedAt: number;
  readonly sessions: readonly SessionRecord[];
  readonly ledger: readonly LedgerEntry[];
  readonly readiness: readonly { at: number; status: number | undefined }[];
  /** RSS from /proc every 5 s. */
  readonly memory: readonly { at: number; pid: number; rss: number }[];
  /** The app's memory after a full GC, every `heapSampleMs`. */
  readonly heap: readonly ({ at: number; pid: number } & HeapSample)[];
  readonly injected: {
    readonly sigterm: {
      signalledAt: number;
      exitedAt: number;
      restartedAt: number;
      exitCode: number | null;
      scoresBefore: number;
      mailsBefore: number;
    };
    readonly postgres: { stoppedAt: number; startedAt: number };
    readonly ags: { downAt: number; upAt: number; refused: number };
    readonly smtp: { downAt: number; upAt: number; mailsBefore: number };
  };
  readonly attempts: readonly { id: string; commitSeq: number; completed: boolean }[];
  readonly outbox: readonly { topic: string; status: string; tries: number }[];
  readonly scores: readonly {
    userId: string;
    activityProgress: string;
    gradingProgress: string;
    receivedAt: number;
    lineItemId: string;
  }[];
  readonly lineItemId: string;
  readonly ignoredScores: number;
  readonly mails: readonly { text: string }[];
  readonly appErrorLines: number;
  readonly appExitCodes: readonly (number | null)[];
  readonly appLog: string;
}

/** One row of the results table. */
export interface SoakCheck {
  readonly injected: string;
  readonly expected: string;
  readonly observed: string;
  /** undefined: reported, not judged (e.g. memory on a run too short to tell). */
  readonly ok: boolean | undefined;
}

/** Highest error rate allowed: 0.1 % of requests. */
export const MAX_ERROR_RATE = 0.001;
/** After a fault window, answers that are still 5xx count as errors once this much has passed. */
const FAULT_GRACE_MS = 10_000;
/**
 * Memory is flat when the live memory after a full GC (V8 heap used + external) in the last third
 * of the judged samples peaks at most 5 % + 5 MB above its peak in the first third. RSS is not
 * judged for flatness: V8 grows its heap lazily to what the load makes comfortable and malloc keeps
 * its arenas, so RSS climbs for minutes without a leak. After a full GC no garbage is left, so the
 * samples' noise is only the work in flight (300 learners' requests, an outbox batch): a few MB,
 * hence the absolute allowance. Over the full run (about 7 judged minutes, thirds 4.7 minutes
 * apart) this catches a leak of about 2 MB per minute or more at ~80 MB live; a slower one needs a
 * longer run — the least-squares slope is printed to help read it.
 */
const MAX_LIVE_GROWTH = 0.05;
const LIVE_ALLOWANCE_BYTES = 5 * 1024 * 1024;
/** The app's RSS must stay under this during the load (a 768 MB container leaves room for one instance). */
export const RSS_CEILING_BYTES = 512 * 1024 * 1024;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const mb1 = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
/** Live memory after a full GC: the V8 heap in use plus external (Buffers and other C++-backed) memory. */
const live = (sample: HeapSample) => sample.heapUsed + sample.external;

/** Least-squares slope of `y` over `x`, or NaN with fewer than two points. */
function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const mx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const my = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxy = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

/** What the memory check and table read of a run. */
export type MemoryObservations = Pick<
  SoakObservations,
  'options' | 'loadStartedAt' | 'loadEndedAt' | 'heap' | 'memory'
> & { readonly injected: { readonly sigterm: { readonly restartedAt: number } } };

/** The heap samples judged: the process that ran longest (started after SIGTERM), after its warm-up, during the load. */
function judgedHeapSamples(observations: MemoryObservations) {
  const { heap, injected, options, loadEndedAt } = observations;
  const lastPid = heap[heap.length - 1]?.pid;
  const ofProcess = heap.filter((sample) => sample.pid === lastPid && sample.at <= loadEndedAt);
  const from = injected.sigterm.restartedAt + options.memoryWarmUpMs;
  return ofProcess.filter((sample) => sample.at >= from);
}

/** The memory row: live heap after GC (judged on thirds), RSS against its ceiling. */
export function memoryCheck(observations: MemoryObservations): SoakCheck {
  const { options, loadEndedAt } = observations;
  const judged = judgedHeapSamples(observations);
  const lastPid = judged[0]?.pid ?? observations.heap[observations.heap.length - 1]?.pid;
  const rss = observations.memory.filter((sample) => sample.pid === lastPid && sample.at <= loadEndedAt);
  const maxRss = Math.max(0, ...rss.map((sample) => sample.rss));
  const expected =
    `memory flat: live heap after a full GC (heap used + external, app process after its restart and ${seconds(options.memoryWarmUpMs)} of warm-up) ` +
    `peaks in the last third of the load at most ${MAX_LIVE_GROWTH * 100} % + ${megabytes(LIVE_ALLOWANCE_BYTES)} above the first third; RSS < ${megabytes(RSS_CEILING_BYTES)}`;
  if (judged.length < 6)
    return {
      injected: '—',
      expected,
      observed: `${judged.length} heap samples after the warm-up: too few to tell`,
      ok: undefined,
    };
  const start = judged[0]!.at;
  const span = judged[judged.length - 1]!.at - start;
  const third = (index: number) =>
    judged.filter((sample) => Math.min(2, Math.floor(((sample.at - start) / span) * 3)) === index);
  const firstMax = Math.max(...third(0).map(live));
  const lastMax = Math.max(...third(2).map(live));
  const limit = firstMax * (1 + MAX_LIVE_GROWTH) + LIVE_ALLOWANCE_BYTES;
  const perMinute = (samples: typeof judged) =>
    slope(samples.map((sample) => ({ x: (sample.at - start) / 60_000, y: live(sample) / 1024 / 1024 })));
  const judgedNow = span >= options.memoryJudgedAfterMs;
  const ok = judgedNow ? lastMax <= limit && maxRss < RSS_CEILING_BYTES : undefined;
  return {
    injected: '—',
    expected,
    observed:
      `${judged.length} samples over ${seconds(span)}: live heap max ${mb1(firstMax)} MB in the first third, ${mb1(lastMax)} MB in the last (limit ${mb1(limit)} MB); ` +
      `slope ${perMinute(judged).toFixed(2)} MB/min over all, ${perMinute(third(2)).toFixed(2)} MB/min over the last third; ` +
      `RSS max ${megabytes(maxRss)} (${rss.length} samples)` +
      (judgedNow ? '' : `; not judged: under ${seconds(options.memoryJudgedAfterMs)} of samples`),
    ok,
  };
}

/** Every heap sample of the run as a Markdown table (seconds from the start of the load). */
export function memoryTable(observations: MemoryObservations): string {
  const judged = new Set(judgedHeapSamples(observations));
  return [
    '| t (s) | pid | heap used (MB) | external (MB) | live (MB) | heap total (MB) | RSS (MB) | GC pause (ms) | judged |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...observations.heap.map(
      (sample) =>
        `| ${((sample.at - observations.loadStartedAt) / 1000).toFixed(0)} | ${sample.pid} | ${mb1(sample.heapUsed)} | ${mb1(sample.external)} | ${mb1(live(sample))} | ` +
        `${mb1(sample.heapTotal)} | ${mb1(sample.rss)} | ${sample.gcMs.toFixed(0)} | ${judged.has(sample) ? 'yes' : ''} |`,
    ),
  ].join('\n');
}
const percent = (ratio: number) => `${(ratio * 100).toFixed(3)} %`;

function outboxCounts(observations: SoakObservations, topic: string) {
  const rows = observations.outbox.filter((row) => row.topic === topic);
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  return {
    total: rows.length,
    sent: count('sent'),
    pending: count('pending'),
    failed: count('failed'),
    retried: rows.filter((row) => row.tries > 1).length,
  };
}

function answered(entries: readonly LedgerEntry[]) {
  const by = (test: (entry: LedgerEntry) => boolean) => entries.filter(test).length;
  return {
    ok: by((entry) => entry.status !== undefined && entry.status < 400),
    client: by((entry) => entry.status !== undefined && entry.status >= 400 && entry.status < 500),
    server: by((entry) => entry.status !== undefined && entry.status >= 500),
    none: by((entry) => entry.status === undefined),
  };
}

/** Acknowledged commits: each session's last acknowledged `seq` against the stored `commit_seq`. */
function commitsCheck(observations: SoakObservations, lostAttempts: number, unfinished: number): SoakCheck {
  const { options, sessions, ledger } = observations;
  const acknowledged = ledger.filter((entry) => entry.kind === 'commit' && entry.status === 200).length;
  const completed = sessions.filter((session) => session.completed).length;
  return {
    injected: `load: ${options.learners} learners, ${seconds(options.durationMs)}, a commit every ~${seconds(options.commitIntervalMs)}`,
    expected: 'every acknowledged commit is in the database',
    observed:
      `${acknowledged} commits acknowledged in ${sessions.length} sessions (${completed} completed); ` +
      `${lostAttempts} attempts behind their last acknowledged commit; ${unfinished} completed sessions without completion stored`,
    ok: lostAttempts === 0 && unfinished === 0 && acknowledged > 0,
  };
}

/** Completed LTI attempts: exactly one `Completed` score each at the emulator, none ignored. */
function scoreCounts(observations: SoakObservations) {
  const completed = observations.sessions.filter((session) => session.kind === 'lti' && session.completed);
  const completedScores = new Map<string, number>();
  for (const score of observations.scores)
    if (score.activityProgress === 'Completed')
      completedScores.set(score.userId, (completedScores.get(score.userId) ?? 0) + 1);
  const counts = completed.map((session) => completedScores.get(session.ltiUser ?? '') ?? 0);
  return {
    completed: completed.length,
    exactlyOne: counts.filter((count) => count === 1).length,
    none: counts.filter((count) => count === 0).length,
    several: counts.filter((count) => count > 1).length,
  };
}

/** Completed standalone attempts: exactly one completion e-mail each (its certificate link names the attempt). */
function mailCounts(observations: SoakObservations) {
  const completed = observations.sessions.filter(
    (session) => session.kind === 'standalone' && session.completed,
  );
  const perAttempt = new Map<string, number>();
  for (const mail of observations.mails) {
    const attemptId = /\/certificate\/([0-9a-f-]{36})/.exec(mail.text)?.[1];
    if (attemptId) perAttempt.set(attemptId, (perAttempt.get(attemptId) ?? 0) + 1);
  }
  const counts = completed.map((session) => perAttempt.get(session.attemptId ?? '') ?? 0);
  return {
    completed: completed.length,
    exactlyOne: counts.filter((count) => count === 1).length,
    none: counts.filter((count) => count === 0).length,
    several: counts.filter((count) => count > 1).length,
  };
}

/** Turns what a run saw into the table: injected, expected, observed, ok. */
export function judgeSoak(observations: SoakObservations): SoakCheck[] {
  const { options, ledger, injected, sessions } = observations;
  const stored = new Map(observations.attempts.map((attempt) => [attempt.id, attempt]));
  const lostAttempts = sessions.filter(
    (session) =>
      session.ackedSeq > 0 && (stored.get(session.attemptId ?? '')?.commitSeq ?? 0) < session.ackedSeq,
  ).length;
  const unfinished = sessions.filter(
    (session) => session.completed && !stored.get(session.attemptId ?? '')?.completed,
  ).length;

  const windows = [
    [injected.postgres.stoppedAt, injected.postgres.startedAt + FAULT_GRACE_MS],
    [injected.sigterm.signalledAt, injected.sigterm.restartedAt + FAULT_GRACE_MS],
  ] as const;
  const inFault = (entry: LedgerEntry) =>
    windows.some(([from, to]) => entry.endedAt >= from && entry.startedAt <= to);
  const failedOutside = ledger.filter(
    (entry) => (entry.status === undefined || entry.status >= 500) && !inFault(entry),
  ).length;
  const retriedInside = ledger.filter(
    (entry) => (entry.status === undefined || entry.status >= 500) && inFault(entry),
  ).length;
  const clientErrors = ledger.filter(
    (entry) => entry.status !== undefined && entry.status >= 400 && entry.status < 500,
  );
  const abandoned = sessions.filter((session) => session.abandoned !== undefined);
  const errors = clientErrors.length + failedOutside + abandoned.length;
  const errorRate = ledger.length === 0 ? 1 : errors / ledger.length;

  const grades = outboxCounts(observations, 'grade');
  const mailRows = outboxCounts(observations, 'mail');
  const scores = scoreCounts(observations);
  const mails = mailCounts(observations);
  const scoresOk =
    grades.pending === 0 &&
    grades.failed === 0 &&
    observations.ignoredScores === 0 &&
    scores.exactlyOne === scores.completed;
  const mailsOk =
    mailRows.pending === 0 &&
    mailRows.failed === 0 &&
    mails.exactlyOne === mails.completed &&
    observations.mails.length === mailRows.sent;

  // PostgreSQL outage: /readyz and the commits answered meanwhile.
  const { stoppedAt, startedAt } = injected.postgres;
  const readyDuring = observations.readiness.filter(
    (sample) => sample.at >= stoppedAt && sample.at <= startedAt,
  );
  const unreadyDuring = readyDuring.filter((sample) => sample.status === 503).length;
  const readyAgain = observations.readiness.find((sample) => sample.at > startedAt && sample.status === 200);
  const pgCommits = answered(
    ledger.filter(
      (entry) => entry.kind === 'commit' && entry.endedAt >= stoppedAt && entry.startedAt <= startedAt,
    ),
  );

  // SIGTERM: requests in flight when the signal went, and the outbox after the restart.
  const { signalledAt, exitCode, restartedAt, exitedAt } = injected.sigterm;
  const inFlightEntries = ledger.filter(
    (entry) => entry.startedAt <= signalledAt && entry.endedAt > signalledAt,
  );
  const inFlight = answered(inFlightEntries);
  const inFlightErrors = [...new Set(inFlightEntries.flatMap((entry) => (entry.error ? [entry.error] : [])))];
  const scoresAfterRestart = observations.scores.filter((score) => score.receivedAt > restartedAt).length;
  const mailsAfterRestart = observations.mails.length - injected.sigterm.mailsBefore;

  const lastScore = Math.max(0, ...observations.scores.map((score) => score.receivedAt));
  return [
    commitsCheck(observations, lostAttempts, unfinished),
    {
      injected: '—',
      expected: `error rate ≤ ${percent(MAX_ERROR_RATE)} (4xx, 5xx or no answer outside the fault windows, sessions given up)`,
      observed:
        `${errors} of ${ledger.length} requests (${percent(errorRate)}): ${clientErrors.length} 4xx, ${failedOutside} 5xx/no answer outside faults, ` +
        `${abandoned.length} sessions given up${abandoned[0] ? ` (first: ${abandoned[0].abandoned})` : ''}; ` +
        `${retriedInside} answered 5xx or not at all inside fault windows and were retried`,
      ok: errorRate <= MAX_ERROR_RATE,
    },
    {
      injected: '—',
      expected: 'every completed LTI attempt has exactly one delivered Completed score at the emulator',
      observed:
        `${scores.completed} completed: ${scores.exactlyOne} exactly one, ${scores.none} none, ${scores.several} several; ` +
        `${observations.scores.length} scores taken, ${observations.ignoredScores} ignored as repeats; ` +
        `grade outbox ${grades.sent} sent, ${grades.pending} pending, ${grades.failed} failed`,
      ok: scoresOk && scores.completed > 0,
    },
    memoryCheck(observations),
    {
      injected: `PostgreSQL stopped (fast) for ${seconds(options.postgresDown.forMs)}, then started`,
      expected:
        '/readyz 503 during the outage and 200 again by itself; commits stored or answered 5xx and retried; none acknowledged lost',
      observed:
        `/readyz: ${unreadyDuring} of ${readyDuring.length} samples 503 during the outage; ` +
        (readyAgain ? `200 again ${seconds(readyAgain.at - startedAt)} after the start` : 'never 200 again') +
        `; commits then: ${pgCommits.ok} acknowledged, ${pgCommits.server} 5xx, ${pgCommits.none} no answer, ${pgCommits.client} 4xx; ${lostAttempts} lost`,
      ok: unreadyDuring > 0 && readyAgain !== undefined && pgCommits.client === 0 && lostAttempts === 0,
    },
    {
      injected: `AGS score endpoint answers 503 for ${seconds(options.agsDown.forMs)}`,
      expected: 'all scores arrive afterwards, exactly once',
      observed:
        `${injected.ags.refused} score requests refused; ${grades.retried} grades retried; afterwards grade outbox ${grades.pending} pending, ` +
        `${grades.failed} failed, ${observations.ignoredScores} repeats; last score ${seconds(lastScore - injected.ags.upAt)} after AGS was up`,
      ok: injected.ags.refused > 0 && scoresOk,
    },
    {
      injected: `SMTP refuses connections for ${seconds(options.smtpDown.forMs)}`,
      expected: 'all mail goes out afterwards, once',
      observed:
        `${mailRows.retried} e-mails retried; ${mailRows.sent} sent, ${mailRows.pending} pending, ${mailRows.failed} failed; ` +
        `${observations.mails.length} received for ${mails.completed} completions (${mails.exactlyOne} exactly once, ${mails.none} none, ${mails.several} several)`,
      // Some e-mail must have met the refusing server, or the fault tested nothing.
      ok: mailsOk && mails.completed > 0 && mailRows.retried > 0,
    },
    {
      injected: `SIGTERM to the app at ${seconds(options.sigtermAtMs)}, started again at once`,
      expected: 'in-flight requests finish; exit 0; the outbox resumes after the restart',
      observed:
        `${inFlight.ok + inFlight.client + inFlight.server + inFlight.none} requests in flight: ${inFlight.ok} answered, ${inFlight.server} 5xx, ${inFlight.none} no answer${inFlightErrors.length ? ` (${inFlightErrors.join(', ')})` : ''}; ` +
        `exit ${exitCode}; down ${seconds(restartedAt - exitedAt)}, shutdown took ${seconds(exitedAt - signalledAt)}; ` +
        `after the restart ${scoresAfterRestart} scores and ${mailsAfterRestart} e-mails went out`,
      ok: inFlight.none === 0 && inFlight.server === 0 && exitCode === 0 && scoresAfterRestart > 0,
    },
    {
      injected: '—',
      expected: 'the outbox drains after the load',
      observed: observations.drained
        ? `drained ${seconds(observations.drainedAt - observations.loadEndedAt)} after the load ended; the app logged ${observations.appErrorLines} error lines (${observations.appLog})`
        : `not drained within ${seconds(options.drainTimeoutMs)}; see ${observations.appLog}`,
      ok: observations.drained,
    },
  ];
}

/** The table as Markdown. */
export function resultsTable(checks: readonly SoakCheck[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| Injected | Expected | Observed | OK |',
    '| --- | --- | --- | --- |',
    ...checks.map(
      (check) =>
        `| ${cell(check.injected)} | ${cell(check.expected)} | ${cell(check.observed)} | ${check.ok === undefined ? '–' : check.ok ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
