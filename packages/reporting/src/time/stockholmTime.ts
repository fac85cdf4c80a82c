import { AppError } from '@kompetenta/core';

/**
 * Dates and times as staff type and read them: Swedish local time. A time without an offset is
 * read in Europe/Stockholm (not the server's zone, which is often UTC), so `2026-03-12T09:00`
 * means nine in the morning in Sweden whatever machine runs the command.
 */

const ZONE = 'Europe/Stockholm';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Stockholm is ahead of UTC at `instant` (1 h in winter, 2 h in summer). */
function offsetAt(instant: number): number {
  const parts = Object.fromEntries(zoneParts.formatToParts(instant).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return local - (instant - (instant % 1000));
}

/** A parsed instant, and whether only a date was given (so a period end can include that day). */
export interface ParsedInstant {
  readonly date: Date;
  readonly dateOnly: boolean;
}

/** Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with an optional `Z`/`±HH:MM`; undefined if not valid. */
export function parseStockholmTime(text: string): ParsedInstant | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(wall);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  if (
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  )
    return undefined;
  let instant: number;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.toUpperCase() === 'Z' ? '0000' : zone.slice(1).replace(':', '');
    instant = wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  } else {
    // Two passes find the right offset also on the days the clocks change.
    instant = wall - offsetAt(wall - offsetAt(wall));
  }
  return { date: new Date(instant), dateOnly: match[4] === undefined };
}

/** The end of a period, exclusive: a bare date includes that whole day. */
export function periodEnd(parsed: ParsedInstant): Date {
  if (!parsed.dateOnly) return parsed.date;
  const next = new Date(parsed.date.getTime() + 36 * 3600_000); // surely in the next day, DST or not
  const ymd = formatStockholm(next).slice(0, 10);
  return parseStockholmTime(ymd)!.date;
}

const display = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' });

/** `2026-03-12 09:00`, Stockholm time. */
export function formatStockholm(date: Date): string {
  return display.format(date);
}

/**
 * `--from`/`--to` as an inclusive start and an exclusive end; every bad one is named at once
 * (REPORT_FILTER_INVALID).
 */
export function periodOptions(options: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const problems: string[] = [];
  const from = options.from === undefined ? undefined : parseStockholmTime(options.from);
  const to = options.to === undefined ? undefined : parseStockholmTime(options.to);
  if (options.from !== undefined && !from)
    problems.push(`--from ${options.from} is not a date such as 2026-01-01`);
  if (options.to !== undefined && !to) problems.push(`--to ${options.to} is not a date such as 2026-06-30`);
  if (problems.length > 0) {
    throw new AppError('REPORT_FILTER_INVALID', `The period is not valid: ${problems.join('; ')}.`, {
      problems,
    });
  }
  return { ...(from ? { from: from.date } : {}), ...(to ? { to: periodEnd(to) } : {}) };
}
