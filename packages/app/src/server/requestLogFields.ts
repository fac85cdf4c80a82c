/**
 * What a request log line may say about a request and its answer. The default pino-http
 * serializers write every header (the session cookie, `Set-Cookie`) and the full URL, and our URLs
 * carry bearer secrets: attempt tokens (`?token=` on the player and the commit API, because a
 * beacon sends no headers), check-in and sign-in links (`/checkin/<token>`, `/signin/<token>`),
 * opt-out and staff handoff tokens, ltijs's `ltik` and Dynamic Registration's `registration_token`.
 * Anyone who can read the logs could replay them, so the log keeps the route and drops the secrets.
 */

const REDACTED = '[redacted]';
/** Path segments that are themselves a token: `/checkin/<token>[/klar]`, `/signin/<token>`. */
const TOKEN_IN_PATH = /\/(checkin|signin)\/[^/?#]+/g;
/** Query parameters whose value is a secret: `token`, `ltik`, `registration_token`, `*_token`. */
const SECRET_PARAM = /^(token|ltik|.*_token)$/i;

/** The URL with every token (path segment or query value) replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = (queryAt === -1 ? url : url.slice(0, queryAt)).replace(TOKEN_IN_PATH, `/$1/${REDACTED}`);
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came; it is not one of ours.
      }
      return SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** The request as pino-http's serializer hands it over (only what we keep is typed). */
interface SerializedRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly url?: string;
  readonly remoteAddress?: string;
}

/** A request's log fields: id, method, redacted URL and client address; never headers or cookies. */
export function requestLogFields(req: SerializedRequest): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.url ?? ''),
    remoteAddress: req.remoteAddress,
  };
}

/** An answer's log fields: the status only (its headers may set a session cookie). */
export function responseLogFields(res: { readonly statusCode?: number }): Record<string, unknown> {
  return { statusCode: res.statusCode };
}
