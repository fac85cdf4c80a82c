/**
 * CMI data types as checks: each returns null for a valid value or a plain message saying what is
 * wrong. The empty string is handled by the caller (it means "not set" and is always allowed).
 * Lengths count characters (code points), as the SCORM smallest permitted maximums do.
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

const langPrefix = /^\{lang=([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9]{1,8})*\}/;

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
  /^([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9]{1,8})*$/.test(value) && value.length <= 250
    ? null
    : 'is not a language code such as "sv" or "sv-SE"';

/** Identifiers: printable characters without white space, at most `max` (1.2 CMIIdentifier: 255). */
export function identifier(max: number): ValueCheck {
  return (value) => {
    if (!/^[^\s\p{Cc}]+$/u.test(value)) return 'is not an identifier (no spaces or control characters)';
    return charLength(value) <= max ? null : `is longer than ${max} characters`;
  };
}

/** The numbers the CMI allows: plain decimals (CMIDecimal / real(10,7)), no exponent, no NaN. */
const decimalPattern = /^-?\d{1,10}(\.\d{1,18})?$/;

/** A decimal, optionally within `min`..`max` (inclusive). */
export function decimal(min = -Infinity, max = Infinity): ValueCheck {
  return (value) => {
    if (!decimalPattern.test(value)) return `is not a decimal number: ${JSON.stringify(value.slice(0, 40))}`;
    const n = Number(value);
    if (n < min || n > max) return `${value} is out of range ${min}..${max}`;
    return null;
  };
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
    values.includes(value) || decimalPattern.test(value)
      ? null
      : `${JSON.stringify(value.slice(0, 40))} is neither a number nor one of ${values.join(', ')}`;
}

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS`. */
export const timespan12: ValueCheck = (value) =>
  /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(value) ? null : 'is not a time span HHHH:MM:SS.SS';

/** SCORM 1.2 CMITime, a time of day `HH:MM:SS(.SS)`. */
export const timeOfDay12: ValueCheck = (value) =>
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(value) ? null : 'is not a time of day HH:MM:SS';

/** SCORM 2004 timeinterval (second,10,2): an ISO 8601 duration such as `PT1H2M3.5S`. */
export const timeInterval: ValueCheck = (value) =>
  /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/.test(value)
    ? null
    : 'is not an ISO 8601 duration such as PT1H2M3.5S';

/** SCORM 2004 time (second,10,0): ISO 8601 date-time, optionally with fraction and zone. */
export const timestamp: ValueCheck = (value) =>
  /^(19[7-9]\d|[2-9]\d{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2})?)?)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?$/.test(
    value,
  )
    ? null
    : 'is not an ISO 8601 time such as 2026-11-28T10:15:00';
