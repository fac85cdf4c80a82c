import { SignJWT } from 'jose';
import { verifyHs256Token } from '../keys/hs256Token';

/** Why a check-in link was refused: an expired link gets its own page ("ask for a new link"). */
export type CheckinTokenCheck =
  | { readonly ok: true; readonly eventId: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly problem: 'invalid' | 'expired' | 'notYetOpen' };

/** Default validity of a printed QR code: an event day. */
export const CHECKIN_LINK_DEFAULT_HOURS = 6;
/** Longest validity: a link that lives for weeks is a link that leaks. */
export const CHECKIN_LINK_MAX_HOURS = 24 * 14;
/** HS256 keys shorter than the hash are weak (RFC 7518 §3.2). */
export const CHECKIN_SECRET_MIN_BYTES = 32;
/** Where the form lives: `GET|POST /checkin/<token>` (a contract: printed QR codes carry it). */
export const CHECKIN_PATH = '/checkin';
const ISSUER = 'kompetenta';
// Its own audience, so an attempt token signed with the same secret can never open the form.
const AUDIENCE = 'kompetenta-checkin';

function checkSecret(secret: Uint8Array): void {
  if (secret.byteLength < CHECKIN_SECRET_MIN_BYTES)
    throw new RangeError(`The check-in secret has ${secret.byteLength} bytes; at least 32 are needed.`);
}

/**
 * Signs `{ sub: eventId, exp }` with HS256; the token goes in the URL path, so it stays short.
 * `notBefore` (an `nbf`) keeps a link sent ahead of the event, in an invitation, from recording
 * attendance before the event opens.
 */
export async function signCheckinToken(
  secret: Uint8Array,
  eventId: string,
  now: Date,
  validHours = CHECKIN_LINK_DEFAULT_HOURS,
  notBefore?: Date,
): Promise<string> {
  checkSecret(secret);
  if (!(validHours > 0 && validHours <= CHECKIN_LINK_MAX_HOURS))
    throw new RangeError(
      `A check-in link is valid for more than 0 and at most ${CHECKIN_LINK_MAX_HOURS} hours.`,
    );
  const issuedAt = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({});
  if (notBefore && notBefore.getTime() > now.getTime())
    jwt.setNotBefore(Math.floor(notBefore.getTime() / 1000));
  return jwt
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(eventId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.round(validHours * 3600))
    .sign(secret);
}

/** Verifies signature (HS256 only), issuer, audience, expiry and `nbf` against `now`; never throws. */
export async function verifyCheckinToken(
  secret: Uint8Array,
  token: unknown,
  now: Date,
): Promise<CheckinTokenCheck> {
  const check = await verifyHs256Token(
    secret,
    token,
    { issuer: ISSUER, audience: AUDIENCE, maxLength: 1024 },
    now,
  );
  if (!check.ok) return check;
  return { ok: true, eventId: check.payload.sub, expiresAt: new Date(check.payload.exp * 1000) };
}
