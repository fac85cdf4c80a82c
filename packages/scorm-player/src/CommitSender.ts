import type {
  CommitMetadata,
  ProcessListeners,
  ResultObject,
  ScormHttpService,
  ScormSettings,
} from './scormAgain';
import { readCommitResponse, retryDelayMs, type CommitOutcome } from './commitResponse';

/** How the sender reaches the server; the browser's fetch and sendBeacon in the bundle. */
export interface CommitTransport {
  /** POSTs JSON; resolves with status 0 when there was no answer (offline, DNS, reset). */
  post(url: string, body: string, keepalive: boolean): Promise<{ status: number; text: string }>;
  /** Queues the body with sendBeacon as text/plain; false when the browser refused it. */
  beacon(url: string, body: string): boolean;
}

export interface CommitTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the learner is told about saving. */
export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'retrying'; readonly failures: number }
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string };

interface Commit {
  readonly url: string;
  readonly body: string;
  readonly seq: number;
}

/** Bodies above this are sent without keepalive (the browser caps keepalive/beacon at 64 kB). */
const keepaliveLimit = 60_000;

/**
 * scorm-again's HTTP service for the player. Every commit is a full snapshot of the CMI, so only
 * the latest one matters: it is held until the server confirms it, retried with backoff while the
 * network or server is down (never dropped), and superseded by a newer commit (a higher seq).
 * The final commit (Terminate, or the page going away) also goes by sendBeacon, which survives the
 * page closing; while the page lives the same body is confirmed by fetch (same seq: the server
 * answers a repeat with 200). Returns success to the SCO at once: the player owns delivery.
 */
export class CommitSender implements ScormHttpService {
  #requestHandler: (commit: unknown, metadata?: CommitMetadata) => unknown = (commit) => commit;
  readonly #transport: CommitTransport;
  readonly #timers: CommitTimers;
  readonly #onState: (state: SaveState) => void;
  #latest: Commit | undefined;
  #sending = false;
  #retryTimer: unknown;
  #failures = 0;
  #rejected = false;
  #beaconed: Commit | undefined;
  #waiters: ((saved: boolean) => void)[] = [];
  #listeners: ProcessListeners | undefined;
  /** The renewed attempt token, once the server sent one; used in every later request's URL. */
  #token: string | undefined;

  constructor(transport: CommitTransport, timers: CommitTimers, onState: (state: SaveState) => void) {
    this.#transport = transport;
    this.#timers = timers;
    this.#onState = onState;
  }

  updateSettings(settings: ScormSettings): void {
    if (settings.requestHandler) this.#requestHandler = settings.requestHandler;
  }

  processHttpRequest(
    url: string,
    params: unknown,
    immediate: boolean,
    _apiLog: unknown,
    processListeners: ProcessListeners,
    metadata?: CommitMetadata,
  ): ResultObject {
    const payload = this.#requestHandler(params, metadata);
    const seq = (payload as { seq?: unknown }).seq;
    this.#latest = { url, body: JSON.stringify(payload), seq: typeof seq === 'number' ? seq : 0 };
    this.#listeners = processListeners;
    if (immediate) this.flushByBeacon();
    this.#pump();
    return { result: 'true', errorCode: 0 };
  }

  /** True when the server has confirmed the latest commit (or nothing was committed yet). */
  get saved(): boolean {
    return this.#latest === undefined;
  }

  /** True while saving fails (retrying) or was refused: leaving now could lose the latest data. */
  get inTrouble(): boolean {
    return this.#failures > 0 || this.#rejected;
  }

  /**
   * Resolves with true once the latest commit is confirmed by the server, or with false when the
   * server refused it for good (the learner has been told why).
   */
  whenSaved(): Promise<boolean> {
    if (this.saved) return Promise.resolve(true);
    if (this.#rejected) return Promise.resolve(false);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Sends the unconfirmed commit by sendBeacon: on Terminate, and when the page is hidden or going
   * away (the browser may end it without another chance). Still unconfirmed afterwards, so a page
   * that lives on confirms it by fetch.
   */
  flushByBeacon(): void {
    const commit = this.#latest;
    if (!commit || this.#rejected || this.#beaconed === commit) return;
    if (commit.body.length <= keepaliveLimit && this.#transport.beacon(this.#urlOf(commit), commit.body))
      this.#beaconed = commit;
  }

  /** Tries again now (the browser says it is back online). */
  retryNow(): void {
    if (this.#retryTimer === undefined) return;
    this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#pump();
  }

  #pump(): void {
    if (this.#sending || this.#retryTimer !== undefined || this.#rejected || !this.#latest) return;
    void this.#send(this.#latest);
  }

  async #send(commit: Commit): Promise<void> {
    this.#sending = true;
    if (this.#failures === 0) this.#onState({ kind: 'saving' });
    let outcome: CommitOutcome;
    try {
      const answer = await this.#transport.post(
        this.#urlOf(commit),
        commit.body,
        commit.body.length <= keepaliveLimit,
      );
      outcome = readCommitResponse(answer.status, answer.text);
    } catch {
      outcome = { kind: 'retry', status: 0 };
    }
    this.#sending = false;
    if (outcome.kind === 'saved') {
      if (outcome.token !== undefined) this.#token = outcome.token;
      this.#confirmed(commit);
    } else if (outcome.kind === 'retry') this.#scheduleRetry();
    else this.#reject(outcome);
    this.#pump();
  }

  /** The commit URL with the renewed token in place of the page's, when there is one. */
  #urlOf(commit: Commit): string {
    const token = this.#token;
    if (token === undefined) return commit.url;
    return commit.url.replace(
      /([?&]token=)[^&#]*/,
      (_, prefix: string) => `${prefix}${encodeURIComponent(token)}`,
    );
  }

  #confirmed(commit: Commit): void {
    this.#failures = 0;
    if (this.#latest === commit) {
      this.#latest = undefined;
      this.#onState({ kind: 'saved' });
      this.#listeners?.('CommitSuccess');
      for (const resolve of this.#waiters.splice(0)) resolve(true);
    }
  }

  #scheduleRetry(): void {
    this.#failures++;
    this.#onState({ kind: 'retrying', failures: this.#failures });
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#pump();
    }, retryDelayMs(this.#failures));
  }

  #reject(outcome: Extract<CommitOutcome, { kind: 'rejected' }>): void {
    // Kept, not dropped: the learner is told and the data stays in the page; retrying would only
    // be refused again (expired token, invalid CMI).
    this.#rejected = true;
    this.#onState(outcome);
    this.#listeners?.('CommitError', undefined, 101);
    for (const resolve of this.#waiters.splice(0)) resolve(false);
  }
}
