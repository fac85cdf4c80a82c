import { LTI_ROLES } from '@kompetenta/core';
import { parseAutoPostForm, type PlatformEmulator } from '@kompetenta/test-utils';
import { setTimeout as sleep } from 'node:timers/promises';
import { scorm2004Commit } from './commitPayload';
import { isRetryable, type HttpLedger, type RequestKind } from './httpLedger';

/** No request waits longer than this for its answer. */
const REQUEST_TIMEOUT_MS = 30_000;

/** What every simulated learner shares. */
export interface LearnerContext {
  readonly toolUrl: string;
  readonly emulator: PlatformEmulator;
  readonly ledger: HttpLedger;
  /** The resource link (with an AGS line item) LTI learners launch. */
  readonly resourceLinkId: string;
  readonly course: string;
  /** An attempt of a standalone learner (person with an e-mail address), made as the course list does. */
  readonly openStandaloneAttempt: (
    learner: number,
    session: number,
  ) => Promise<{ attemptId: string; token: string }>;
  readonly commitsPerSession: number;
  readonly commitIntervalMs: number;
  /** After this time (ms since epoch) a learner sends its final commit at once and stops. */
  readonly loadEndsAt: number;
  /** A request answered 5xx or not at all is retried for this long before it is given up. */
  readonly retryBudgetMs: number;
}

/** One attempt a learner made, and which of its commits the app acknowledged. */
export interface SessionRecord {
  readonly kind: 'lti' | 'standalone';
  /** The LTI user id (`sub`) the gradebook sees; undefined for standalone learners. */
  readonly ltiUser: string | undefined;
  attemptId: string | undefined;
  /** The highest `seq` the app answered `{ result: true }` to (0: none). */
  ackedSeq: number;
  /** Whether the completing commit was acknowledged. */
  completed: boolean;
  /** Why the session stopped early (a 4xx, or retries that ran out), if it did. */
  abandoned?: string;
}

interface Attempt {
  readonly attemptId: string;
  readonly token: string;
}

/** Sends `request` until it gets an answer that is not 5xx, or the retry budget runs out. */
async function withRetries(
  context: LearnerContext,
  kind: RequestKind,
  request: () => Promise<Response>,
): Promise<Response | undefined> {
  const giveUpAt = Date.now() + context.retryBudgetMs;
  let pauseMs = 250;
  for (;;) {
    const response = await context.ledger.record(kind, request);
    if (!isRetryable(response)) return response;
    await response?.arrayBuffer().catch(() => undefined);
    if (Date.now() + pauseMs > giveUpAt) return undefined;
    await sleep(pauseMs);
    pauseMs = Math.min(pauseMs * 2, 4_000);
  }
}

function describe(response: Response | undefined, what: string): string {
  return response ? `${what} answered ${response.status}` : `${what}: no answer within the retry budget`;
}

/**
 * One LTI launch as a browser makes it: OIDC login at the tool, the platform's authorization
 * endpoint (auto-posted id_token), the launch POST with the login cookie, which redirects to the
 * player page. Retried from the start when the tool answers 5xx or not at all.
 */
async function launch(context: LearnerContext, user: string): Promise<Attempt | string> {
  const { emulator, toolUrl } = context;
  const giveUpAt = Date.now() + context.retryBudgetMs;
  for (let pauseMs = 250; ; pauseMs = Math.min(pauseMs * 2, 4_000)) {
    const hint = `${user}-${Date.now()}`;
    emulator.prepareLaunch(hint, {
      user: {
        sub: user,
        name: `Deltagare ${user}`,
        email: `${user}@example.se`,
        roles: [LTI_ROLES.contextLearner],
      },
      resourceLinkId: context.resourceLinkId,
      course: context.course,
    });
    const login = new URL(`${toolUrl}/lti/login`);
    login.search = new URLSearchParams({
      iss: emulator.issuer,
      login_hint: hint,
      target_link_uri: `${toolUrl}/lti/launch`,
      client_id: emulator.clientId,
      lti_deployment_id: emulator.deploymentId,
    }).toString();
    const started = await context.ledger.record('launch', () =>
      fetch(login, { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    );
    let outcome: Response | undefined = started;
    if (started && started.status >= 300 && started.status < 400) {
      await started.arrayBuffer();
      const cookie = started.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      // The platform's authorization endpoint (the emulator in this process) never fails.
      const form = parseAutoPostForm(await (await fetch(String(started.headers.get('location')))).text());
      outcome = await context.ledger.record('launch', () =>
        fetch(form.action, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form.fields).toString(),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      );
      await outcome?.arrayBuffer().catch(() => undefined);
      const location = outcome?.status === 303 ? outcome.headers.get('location') : null;
      const play = location ? /\/play\/([^?]+)\?token=([^&]+)/.exec(location) : null;
      if (play) return { attemptId: decodeURIComponent(play[1]!), token: decodeURIComponent(play[2]!) };
    } else await started?.arrayBuffer().catch(() => undefined);
    if (!isRetryable(outcome)) return describe(outcome, 'launch');
    if (Date.now() + pauseMs > giveUpAt) return describe(undefined, 'launch');
    await sleep(pauseMs);
  }
}

/** The player page, then `commitsPerSession` commits a few seconds apart, the last one completing. */
async function play(
  context: LearnerContext,
  learner: number,
  attempt: Attempt,
  record: SessionRecord,
): Promise<void> {
  const { toolUrl } = context;
  const token = encodeURIComponent(attempt.token);
  const id = encodeURIComponent(attempt.attemptId);
  const page = await withRetries(context, 'page', () =>
    fetch(`${toolUrl}/play/${id}?token=${token}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  );
  await page?.arrayBuffer().catch(() => undefined);
  if (page?.status !== 200) {
    record.abandoned = describe(page, 'player page');
    return;
  }
  const total = context.commitsPerSession;
  for (let seq = 1; seq <= total; seq += 1) {
    // After the load's end the learner finishes: the completing commit goes at once.
    const last = seq === total || Date.now() >= context.loadEndsAt;
    const body = JSON.stringify(scorm2004Commit(learner, last ? total : seq, total));
    const answer = await withRetries(context, 'commit', () =>
      fetch(`${toolUrl}/api/attempts/${id}/commit?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    );
    const json = answer?.status === 200 ? ((await answer.json()) as { result?: unknown }) : undefined;
    if (json?.result !== true) {
      await answer?.arrayBuffer().catch(() => undefined);
      record.abandoned = describe(answer, `commit ${seq}`);
      return;
    }
    record.ackedSeq = last ? total : seq;
    if (last) {
      record.completed = true;
      return;
    }
    // ±25 % so 300 learners do not commit in lockstep.
    await sleep(context.commitIntervalMs * (0.75 + Math.random() * 0.5));
  }
}

/**
 * One simulated learner: sessions back to back until the load ends, each a new attempt (an LTI
 * launch as a new LMS user, or every `standaloneEvery`-th learner a standalone attempt), the
 * player page, and commits every few seconds until the course is completed.
 */
export async function runLearner(
  context: LearnerContext,
  learner: number,
  standalone: boolean,
  sessions: SessionRecord[],
): Promise<void> {
  for (let session = 0; Date.now() < context.loadEndsAt; session += 1) {
    const ltiUser = standalone ? undefined : `soak-${learner}-${session}`;
    const record: SessionRecord = {
      kind: standalone ? 'standalone' : 'lti',
      ltiUser,
      attemptId: undefined,
      ackedSeq: 0,
      completed: false,
    };
    sessions.push(record);
    let attempt: Attempt | string;
    if (ltiUser) attempt = await launch(context, ltiUser);
    else
      attempt = await context
        .openStandaloneAttempt(learner, session)
        .catch((error: unknown) => String(error));
    if (typeof attempt === 'string') {
      record.abandoned = attempt;
      await sleep(context.commitIntervalMs);
      continue;
    }
    record.attemptId = attempt.attemptId;
    await play(context, learner, attempt, record);
    if (record.abandoned) await sleep(context.commitIntervalMs);
  }
}
