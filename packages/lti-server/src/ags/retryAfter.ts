/**
 * Milliseconds a `Retry-After` header asks to wait (RFC 9110 §10.2.3): delta-seconds or an
 * HTTP-date. Undefined when absent or unreadable; a date in the past is 0.
 */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
