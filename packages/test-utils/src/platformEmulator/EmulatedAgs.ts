import { LTI_CLAIMS, LTI_SCOPES } from '@kompetenta/core';
import { EventEmitter } from 'node:events';
import type { JWTPayload } from 'jose';

/** A line item of the emulated gradebook. */
export interface EmulatedLineItem {
  readonly id: string;
  readonly url: string;
  readonly label: string;
  readonly scoreMaximum: number;
  /** The resource link whose launches carry this line item in their AGS endpoint claim. */
  readonly resourceLinkId: string | null;
}

/** A score the endpoint received (accepted or ignored). */
export interface ReceivedScore {
  readonly lineItemId: string;
  readonly userId: string;
  readonly timestamp: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
}

/** A score the platform ignored, as AGS asks for one not newer than the last it took. */
export interface IgnoredScore extends ReceivedScore {
  readonly reason: 'older timestamp' | 'same timestamp';
}

/**
 * The emulated gradebook behind the AGS endpoints: line items, the scores taken, the scores
 * ignored (older or same timestamp than the last one for that user and line item: a correct tool
 * never causes one), and fault injection for tests (`failNext`, `down`/`up`, `delay`).
 */
export class EmulatedAgs {
  readonly lineItems = new Map<string, EmulatedLineItem>();
  /** Scores the platform took, oldest first. */
  readonly scores: ReceivedScore[] = [];
  readonly ignored: IgnoredScore[] = [];
  /** Every answer of the score endpoint (status), oldest first, faults included. */
  readonly answers: number[] = [];
  /** Access tokens handed out by the token endpoint since the emulator started. */
  tokensIssued = 0;
  private readonly tokens = new Map<string, readonly string[]>();
  private readonly events = new EventEmitter();
  private failures: { count: number; status: number; retryAfter?: string } = { count: 0, status: 500 };
  private isDown = false;
  private delayMs = 0;
  private nextId = 1;

  constructor(private readonly issuer: string) {}

  /** Creates a line item; launches of `resourceLinkId` then carry it in their AGS claim. */
  createLineItem(
    input: { label?: string; scoreMaximum?: number; resourceLinkId?: string } = {},
  ): EmulatedLineItem {
    const id = String(this.nextId++);
    const item: EmulatedLineItem = {
      id,
      url: `${this.issuer}/lineitems/${id}/lineitem`,
      label: input.label ?? `Line item ${id}`,
      scoreMaximum: input.scoreMaximum ?? 100,
      resourceLinkId: input.resourceLinkId ?? null,
    };
    this.lineItems.set(id, item);
    return item;
  }

  /** Creates the line items a verified Deep Linking response asks for (content items with `lineItem`). */
  fromDeepLinkResponse(payload: JWTPayload): EmulatedLineItem[] {
    const items = payload[LTI_CLAIMS.deepLinkingContentItems];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: unknown) => {
      const lineItem = (item as { lineItem?: { label?: unknown; scoreMaximum?: unknown } }).lineItem;
      if (!lineItem) return [];
      const id = this.nextId;
      return [
        this.createLineItem({
          ...(typeof lineItem.label === 'string' ? { label: lineItem.label } : {}),
          scoreMaximum: typeof lineItem.scoreMaximum === 'number' ? lineItem.scoreMaximum : 100,
          // The platform names the resource link it creates for the content item.
          resourceLinkId: `deep-link-${id}`,
        }),
      ];
    });
  }

  /** The AGS endpoint claim of a launch of `resourceLinkId`, if a line item is bound to it. */
  endpointClaim(resourceLinkId: string): Record<string, unknown> | undefined {
    const item = [...this.lineItems.values()].find(
      (candidate) => candidate.resourceLinkId === resourceLinkId,
    );
    if (!item) return undefined;
    return {
      scope: [LTI_SCOPES.agsLineItem, LTI_SCOPES.agsResultReadOnly, LTI_SCOPES.agsScore],
      lineitems: `${this.issuer}/lineitems`,
      lineitem: item.url,
    };
  }

  /** Called by the token endpoint for each token it hands out. */
  tokenIssued(token: string, scopes: readonly string[]): void {
    this.tokensIssued += 1;
    this.tokens.set(token, scopes);
  }

  /** Whether `token` was issued by this platform with the score scope and not revoked. */
  mayPostScores(token: string): boolean {
    return this.tokens.get(token)?.includes(LTI_SCOPES.agsScore) ?? false;
  }

  /** Forgets every token issued so far (the tool's cached token then gets 401). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The next `count` score requests are answered `status` (with this Retry-After, if given). */
  failNext(count: number, status: number, retryAfter?: string): void {
    this.failures = { count, status, ...(retryAfter === undefined ? {} : { retryAfter }) };
  }

  /** From now on every score request is answered 503 until {@link EmulatedAgs.up}. */
  down(): void {
    this.isDown = true;
  }

  up(): void {
    this.isDown = false;
  }

  /** Each score request waits this long before it is handled (0: none). */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  get currentDelayMs(): number {
    return this.delayMs;
  }

  /** The fault to answer with now, if any (consumes one of `failNext`). */
  takeFault(): { status: number; retryAfter?: string } | undefined {
    if (this.isDown) return { status: 503 };
    if (this.failures.count <= 0) return undefined;
    this.failures = { ...this.failures, count: this.failures.count - 1 };
    return {
      status: this.failures.status,
      ...(this.failures.retryAfter === undefined ? {} : { retryAfter: this.failures.retryAfter }),
    };
  }

  /** Records a score for the line item, or ignores it if it is not newer than the last one taken. */
  receive(lineItemId: string, body: Record<string, unknown>): ReceivedScore | IgnoredScore {
    const score: ReceivedScore = {
      lineItemId,
      userId: String(body.userId),
      timestamp: String(body.timestamp),
      body,
      receivedAt: new Date(),
    };
    const last = [...this.scores]
      .reverse()
      .find((taken) => taken.lineItemId === lineItemId && taken.userId === score.userId);
    const order = last ? Date.parse(score.timestamp) - Date.parse(last.timestamp) : 1;
    if (order <= 0) {
      const ignored: IgnoredScore = { ...score, reason: order < 0 ? 'older timestamp' : 'same timestamp' };
      this.ignored.push(ignored);
      this.events.emit('change');
      return ignored;
    }
    this.scores.push(score);
    this.events.emit('change');
    return score;
  }

  /** Records an answer of the score endpoint. */
  answered(status: number): void {
    this.answers.push(status);
    this.events.emit('change');
  }

  /**
   * Resolves once `condition` holds, re-checking whenever a score or answer arrives; rejects
   * after `timeoutMs` with `what` in the message. No polling, no sleeps.
   */
  waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('change', check);
      };
      this.events.on('change', check);
    });
  }
}
