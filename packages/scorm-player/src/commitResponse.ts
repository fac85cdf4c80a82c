/**
 * What an answer of the commit API means for the player (the player contract): saved, worth
 * retrying (network down, server busy or failing), or refused for good (bad or expired token,
 * unknown attempt, too large, invalid CMI) — which the learner must be told about.
 */
export type CommitOutcome =
  /** `token`: a fresh attempt token the server sent because the page's own runs out soon. */
  | { readonly kind: 'saved'; readonly token?: string }
  | { readonly kind: 'retry'; readonly status: number }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

/** Statuses that say "try again later". */
const transient = new Set([408, 425, 429]);

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the commit API's answer: status 0 stands for "no answer" (network error). */
export function readCommitResponse(status: number, bodyText: string): CommitOutcome {
  if (status === 0 || status >= 500 || transient.has(status)) return { kind: 'retry', status };
  const body = parse(bodyText);
  if (status >= 200 && status < 300) {
    // The contract answers {"result": true, "errorCode": 0}; anything else from a 2xx is a proxy or
    // captive portal in between, and the data did not reach us: try again.
    const result = body?.['result'];
    if (result !== true && result !== 'true') return { kind: 'retry', status };
    const token = body?.['token'];
    return typeof token === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)
      ? { kind: 'saved', token }
      : { kind: 'saved' };
  }
  const error = body?.['error'];
  const details = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  return {
    kind: 'rejected',
    status,
    code: typeof details['code'] === 'string' ? details['code'] : `HTTP_${status}`,
    message: typeof details['message'] === 'string' ? details['message'] : bodyText.slice(0, 200),
  };
}

/**
 * Milliseconds before retry number `failures` (1, 2, …): exponential from 1 s, at most 30 s, with
 * "equal jitter" (between half and all of it) so that many learners whose connection came back at
 * once do not hammer the server in step.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
