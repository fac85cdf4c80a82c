/**
 * CMI data types as checks: each returns null for a valid value or a plain message saying what is
 * wrong. The empty string is handled by the caller (it means "not set" and is always allowed).
 * Lengths count characters (code points), as the SCORM smallest permitted maximums do.
 *
 * Never stricter than scorm-again 3, which checks every SetValue in the browser with its own
 * patterns: a value it accepted and we refused would make every later commit of that attempt fail,
 * and the learner could save nothing. Where scorm-again is looser than the standard (1.2
 * identifiers with spaces, 2004 long identifiers, fractions in durations) we follow it, bounded.
 */
export type ValueCheck = (value: string) => string | null;

/** Number of characters, counting a character outside the BMP once. */
export function charLength(value: string): number {
  // Only characters outside the BMP (surrogate pairs) make code points differ from .length.
  const astral = value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
  return value.length - (astral ? astral.length : 0);
}

/** Plain text of at most `max` characters (CMIString255/4096, characterstring SPM). */
export function characterString(max: number): ValueCheck {
  return (value) =>
    charLength(value) <= max ? null : `is ${charLength(value)} characters long; at most ${max} are allowed`;
}

const langPrefix = /^\{lang=([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9-]{1,8})*\}/;

/** SCORM 2004 localized_string_type: an optional `{lang=sv}` prefix, then at most `max` characters. */
export function localizedString(max: number): ValueCheck {
  return (value) => {
    const prefix = langPrefix.exec(value);
    if (!prefix && value.startsWith('{lang=')) return 'has a malformed {lang=…} prefix';
    return characterString(max)(prefix ? value.slice(prefix[0].length) : value);
  };
}

/** SCORM 2004 language_type (RFC 3066 tag such as `sv` or `sv-SE`). */
export const languageCode: ValueCheck = (value) =>
  /^([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9-]{1,8})*$/.test(value) && value.length <= 250
    ? null
    : 'is not a language code such as "sv" or "sv-SE"';

/** SCORM 2004 identifiers used as answers (short_identifier_type): no spaces, at most `max`. */
export function identifier(max: number): ValueCheck {
  return (value) => {
    if (!/^[^\s\p{Cc}]+$/u.test(value)) return 'is not an identifier (no spaces or control characters)';
    return charLength(value) <= max ? null : `is longer than ${max} characters`;
  };
}

/**
 * SCORM 2004 long_identifier_type as scorm-again accepts it: 1–4000 characters on one line (a URN
 * or URI is expected, but scorm-again takes any text, so we do too).
 */
export const longIdentifier: ValueCheck = (value) => {
  if (/\p{Cc}/u.test(value)) return 'is not an identifier (control characters or line breaks)';
  return charLength(value) <= 4000 ? null : 'is longer than 4000 characters';
};

/** SCORM 1.2 CMIIdentifier as scorm-again accepts it: printable ASCII and spaces, at most 255. */
export const identifier12: ValueCheck = (value) =>
  /^[\u0021-\u007E\s]{0,255}$/.test(value)
    ? null
    : value.length > 255
      ? 'is longer than 255 characters'
      : 'is not an identifier (printable ASCII characters only)';

/** The numbers the CMI allows: plain decimals (2004 real(10,7) as scorm-again checks it), no exponent. */
const decimalPattern = /^-?\d{1,10}(\.\d{1,18})?$/;
/** SCORM 1.2 CMIDecimal as scorm-again checks it: also `5.` and `.5`, more decimals; bounded. */
const decimalPattern12 = /^-?(\d{1,10}(\.\d{0,30})?|\.\d{1,30})$/;

function decimalCheck(pattern: RegExp, min: number, max: number): ValueCheck {
  return (value) => {
    if (!pattern.test(value)) return `is not a decimal number: ${JSON.stringify(value.slice(0, 40))}`;
    const n = Number(value);
    if (n < min || n > max) return `${value} is out of range ${min}..${max}`;
    return null;
  };
}

/** A decimal, optionally within `min`..`max` (inclusive). */
export function decimal(min = -Infinity, max = Infinity): ValueCheck {
  return decimalCheck(decimalPattern, min, max);
}

/** A SCORM 1.2 CMIDecimal, optionally within `min`..`max` (inclusive). */
export function decimal12(min = -Infinity, max = Infinity): ValueCheck {
  return decimalCheck(decimalPattern12, min, max);
}

/** A whole number within `min`..`max` (CMISInteger). */
export function integer(min: number, max: number): ValueCheck {
  return (value) => {
    if (!/^-?\d{1,10}$/.test(value)) return 'is not a whole number';
    const n = Number(value);
    return n < min || n > max ? `${value} is out of range ${min}..${max}` : null;
  };
}

/** One of a fixed vocabulary. */
export function vocabulary(values: readonly string[]): ValueCheck {
  return (value) =>
    values.includes(value)
      ? null
      : `${JSON.stringify(value.slice(0, 40))} is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** A vocabulary word or a decimal (interaction results). */
export function vocabularyOrDecimal(values: readonly string[]): ValueCheck {
  return (value) =>
    values.includes(value) || decimalPattern12.test(value)
      ? null
      : `${JSON.stringify(value.slice(0, 40))} is neither a number nor one of ${values.join(', ')}`;
}

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (scorm-again takes any number of hour digits; we take 6). */
export const timespan12: ValueCheck = (value) =>
  /^\d{1,6}:\d{2}:\d{2}(\.\d{1,2})?$/.test(value) ? null : 'is not a time span HHHH:MM:SS.SS';

/** SCORM 1.2 CMITime, a time of day `HH:MM:SS(.SS)`. */
export const timeOfDay12: ValueCheck = (value) =>
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(value) ? null : 'is not a time of day HH:MM:SS';

/**
 * SCORM 2004 timeinterval (second,10,2): an ISO 8601 duration such as `PT1H2M3.5S`, with
 * scorm-again's tolerance (weeks, fractions before seconds); at most 64 characters.
 */
export const timeInterval: ValueCheck = (value) =>
  value.length <= 64 &&
  /^P(?:[.,\d]+Y)?(?:[.,\d]+M)?(?:[.,\d]+W)?(?:[.,\d]+D)?(?:T?(?:[.,\d]+H)?(?:[.,\d]+M)?(?:\d+(?:\.\d{1,2})?S)?)?$/.test(
    value,
  )
    ? null
    : 'is not an ISO 8601 duration such as PT1H2M3.5S';

/** SCORM 2004 time (second,10,0): ISO 8601 date-time, optionally with fraction and zone. */
export const timestamp: ValueCheck = (value) =>
  /^(19[7-9]\d|[2-9]\d{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?)?)?)?$/.test(
    value,
  )
    ? null
    : 'is not an ISO 8601 time such as 2026-11-28T10:15:00';
