import { EVENT_TYPES, MUNICIPALITIES, type EventType, type ReportFilter } from '@kompetenta/core';

const COUNTIES = new Set(MUNICIPALITIES.map((m) => m.code.slice(0, 2)));
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DAY_MS = 86_400_000;

/** A UTC date `YYYY-MM-DD` (for `to`: the whole day, so the next midnight) or an ISO instant with offset. */
function parseInstant(value: string, end: boolean): Date | undefined {
  const day = DAY.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    if (date.toISOString().slice(0, 10) !== value) return undefined; // 2026-02-30
    return end ? new Date(date.getTime() + DAY_MS) : date;
  }
  if (!INSTANT.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** One value per parameter: `?county=01&county=03` is refused, not half-applied. */
export function single(query: Record<string, unknown>, key: string, problems: string[]): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${key} is given more than once`);
    return undefined;
  }
  return value;
}

/**
 * Reads the report filter of a query (`from`, `to`, `course`, `eventType`, `county`,
 * `organisation`), collecting every problem; keys outside `allowed` are problems too, so a typo
 * is never silently ignored. Shared by the export API and the dashboard.
 */
export function readReportFilter(
  query: Record<string, unknown>,
  allowed: readonly string[],
): { filter: ReportFilter; problems: string[] } {
  const problems: string[] = [];
  for (const key of Object.keys(query))
    if (!allowed.includes(key)) problems.push(`${key} is not a filter (use ${allowed.join(', ')})`);
  const filter: { -readonly [K in keyof ReportFilter]: ReportFilter[K] } = {};
  const from = single(query, 'from', problems);
  if (from !== undefined) {
    const date = parseInstant(from, false);
    if (date) filter.from = date;
    else problems.push(`from ${from} is not a date (YYYY-MM-DD) or an ISO time with offset`);
  }
  const to = single(query, 'to', problems);
  if (to !== undefined) {
    const date = parseInstant(to, true);
    if (date) filter.to = date;
    else problems.push(`to ${to} is not a date (YYYY-MM-DD) or an ISO time with offset`);
  }
  if (filter.from && filter.to && filter.from >= filter.to) problems.push('from is not before to');
  const course = single(query, 'course', problems);
  if (course !== undefined) {
    if (SLUG.test(course)) filter.courseSlug = course;
    else problems.push(`course ${course} is not a course slug such as handledare`);
  }
  const eventType = single(query, 'eventType', problems);
  if (eventType !== undefined) {
    if ((EVENT_TYPES as readonly string[]).includes(eventType)) filter.eventType = eventType as EventType;
    else problems.push(`eventType ${eventType} is not one of ${EVENT_TYPES.join(', ')}`);
  }
  const county = single(query, 'county', problems);
  if (county !== undefined) {
    if (COUNTIES.has(county)) filter.countyCode = county;
    else problems.push(`county ${county} is not a two-digit SCB county code (länskod) such as 24`);
  }
  const organisation = single(query, 'organisation', problems);
  if (organisation !== undefined) {
    if (UUID.test(organisation)) filter.organisationId = organisation.toLowerCase();
    else problems.push(`organisation ${organisation} is not an organisation id`);
  }
  return { filter, problems };
}
