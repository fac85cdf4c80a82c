/** Longest excerpt of a claim value put into an error message or its details. */
const maxLength = 200;

/**
 * A claim or header value from a token, as short text for an error message. `String(value)` is
 * not safe here: a token may carry `{"toString": 1}`, on which String() throws a TypeError that
 * would turn a rejected launch into a 500; and a value may be 100 kB long.
 */
export function describeClaimValue(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, maxLength);
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return (JSON.stringify(value) ?? typeof value).slice(0, maxLength);
  } catch {
    return typeof value;
  }
}
