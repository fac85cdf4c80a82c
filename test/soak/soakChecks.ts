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
  readonly memory: readonly { at: number; pid: number; rss: number }[];
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
/** Memory is flat when the last minute's median RSS is at most this much above the first minute's. */
const MAX_MEMORY_GROWTH = 0.25;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(3)} %`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

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

  // Memory of the process that ran longest (the one started after SIGTERM), first minute against last.
  const lastPid = observations.memory[observations.memory.length - 1]?.pid;
  const samples = observations.memory.filter(
    (sample) => sample.pid === lastPid && sample.at <= observations.loadEndedAt,
  );
  const span = samples.length ? samples[samples.length - 1]!.at - samples[0]!.at : 0;
  const judgedMemory = span >= options.memoryJudgedAfterMs;
  const firstMinute = median(
    samples.filter((sample) => sample.at - samples[0]!.at <= 60_000).map((sample) => sample.rss),
  );
  const lastMinute = median(
    samples
      .filter((sample) => samples[samples.length - 1]!.at - sample.at <= 60_000)
      .map((sample) => sample.rss),
  );
  const growth = lastMinute / firstMinute - 1;
  // The trend, one median per minute: a plateau (heap sized to the load) or a climb (a leak).
  const perMinute = Array.from({ length: Math.ceil(span / 60_000) }, (_, minute) =>
    samples
      .filter((sample) => Math.floor((sample.at - samples[0]!.at) / 60_000) === minute)
      .map((s) => s.rss),
  )
    .filter((minute) => minute.length > 0)
    .map((minute) => (median(minute) / 1024 / 1024).toFixed(0));

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
    {
      injected: '—',
      expected: `memory flat: median RSS of the last minute ≤ first minute + ${MAX_MEMORY_GROWTH * 100} % (app process after its restart)`,
      observed: samples.length
        ? `${megabytes(firstMinute)} → ${megabytes(lastMinute)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %) over ${seconds(span)}, ${samples.length} samples; per minute (MB): ${perMinute.join(', ')}` +
          (judgedMemory ? '' : `; not judged: under ${seconds(options.memoryJudgedAfterMs)} of samples`)
        : 'no samples',
      ok: judgedMemory ? growth <= MAX_MEMORY_GROWTH : undefined,
    },
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
