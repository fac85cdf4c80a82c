/**
 * CMI durations ↔ seconds. SCORM 1.2 CMITimespan is `HHHH:MM:SS.SS` (read as scorm-again accepts
 * it: any hour digits, two-digit minutes and seconds, optional fraction); SCORM 2004 timeinterval is an ISO 8601 duration (`P[nY][nM][nD][T[nH][nM][n.nS]]`).
 */

const timespan12 = /^(\d{1,6}):(\d{2}):(\d{2})(\.\d{1,2})?$/;
const isoDuration =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d{1,6})?)S)?)?$/;

/** Seconds of a SCORM 1.2 CMITimespan, or null when the text is not one. */
export function timespan12Seconds(text: string): number | null {
  const match = timespan12.exec(text);
  if (!match) return null;
  const [, h, m, s, fraction] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(fraction ?? 0);
}

/**
 * Seconds of an ISO 8601 duration, or null when the text is not one (or is a bare `P`/`PT`).
 * Years and months count as 365 and 30 days, as scorm-again does.
 */
export function isoDurationSeconds(text: string): number | null {
  const match = isoDuration.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [y = 0, mo = 0, w = 0, d = 0, h = 0, mi = 0, s = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return y * 31536000 + mo * 2592000 + w * 604800 + d * 86400 + h * 3600 + mi * 60 + s;
}

/** Whole hundredths, so formatting never prints float noise. */
function splitSeconds(seconds: number): { h: number; m: number; s: number; centis: number } {
  const total = Math.max(0, Math.round(seconds * 100));
  return {
    h: Math.floor(total / 360000),
    m: Math.floor((total % 360000) / 6000),
    s: Math.floor((total % 6000) / 100),
    centis: total % 100,
  };
}

/** Seconds as a SCORM 1.2 CMITimespan (`HHHH:MM:SS.SS`; hours capped at 9999 as the type requires). */
export function secondsToTimespan12(seconds: number): string {
  const { h, m, s, centis } = splitSeconds(Math.min(seconds, 9999 * 3600 + 59 * 60 + 59.99));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(h).padStart(4, '0')}:${two(m)}:${two(s)}.${two(centis)}`;
}

/** Seconds as a SCORM 2004 timeinterval (`PT1H2M3.5S`). */
export function secondsToIsoDuration(seconds: number): string {
  const { h, m, s, centis } = splitSeconds(seconds);
  return `PT${h}H${m}M${s + centis / 100}S`;
}
