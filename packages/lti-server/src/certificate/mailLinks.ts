import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opt-out links carry `<person id>.<HMAC>`: a mail client can post them (RFC 8058 one-click)
 * without a session or a CSRF token, and nobody can opt out someone else without the mail. The
 * key is the app's attempt-token secret under its own label, so no second secret to manage.
 */
function mac(secret: Uint8Array, personId: string): string {
  return createHmac('sha256', secret).update(`kompetenta-opt-out-v1:${personId}`).digest('base64url');
}

export function optOutToken(secret: Uint8Array, personId: string): string {
  return `${personId}.${mac(secret, personId)}`;
}

/** The person id of a valid opt-out token, else null. */
export function verifyOptOutToken(secret: Uint8Array, token: string): string | null {
  const [personId, sent] = token.split('.');
  if (!personId || !sent || !/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const expected = Buffer.from(mac(secret, personId));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? personId : null;
}

export const OPT_OUT_PATH = '/mail/opt-out';
export const certificatePath = (attemptId: string): string => `/certificate/${attemptId}`;
