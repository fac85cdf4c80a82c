import QRCode from 'qrcode';
import { CHECKIN_LINK_DEFAULT_HOURS, CHECKIN_PATH, signCheckinToken } from './checkinToken';

/** A check-in link for one event, as the CLI prints it and the dashboard may show it. */
export interface CheckinLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * Makes the signed, expiring URL of an event's check-in form. The caller checks that the event
 * exists; `publicUrl` is PUBLIC_URL without a trailing slash.
 */
export async function createCheckinLink(input: {
  readonly secret: Uint8Array;
  readonly publicUrl: string;
  readonly eventId: string;
  readonly now: Date;
  readonly validHours?: number;
  /** The link opens at this time (an invitation sent ahead of the event); default: at once. */
  readonly notBefore?: Date;
}): Promise<CheckinLink> {
  const validHours = input.validHours ?? CHECKIN_LINK_DEFAULT_HOURS;
  const token = await signCheckinToken(input.secret, input.eventId, input.now, validHours, input.notBefore);
  // The same arithmetic as the token's `exp`, so the printed time is the real one.
  const expiresAt = new Date((Math.floor(input.now.getTime() / 1000) + Math.round(validHours * 3600)) * 1000);
  return { url: `${input.publicUrl.replace(/\/+$/, '')}${CHECKIN_PATH}/${token}`, expiresAt };
}

// Medium error correction survives a printed code that is a little creased or glossy.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The QR code of a URL as an SVG document (scales for print and projector). */
export function checkinQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
}

/** The QR code of a URL as a PNG image, `width` pixels wide (default 600: sharp on A4). */
export function checkinQrPng(url: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width });
}
