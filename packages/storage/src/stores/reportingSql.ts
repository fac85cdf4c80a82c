import type { AttendanceDimension, CompletionDimension, ReportFilter } from '@kompetenta/core';
import type { Knex } from 'knex';

/** Where a person lives for statistics: their own profile, else their organisation's. */
export const PERSON_MUNICIPALITY = 'coalesce(pp.municipality_code, o.municipality_code)';

const period = (column: string): Record<'month' | 'quarter' | 'year', string> => ({
  month: `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`,
  quarter: `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`,
  year: `to_char(${column} AT TIME ZONE 'UTC', 'YYYY')`,
});

/** The SQL group key of each completion dimension (fixed strings: never user input). */
export const COMPLETION_KEY: Readonly<Record<CompletionDimension, string>> = {
  course: 'cv.course_slug',
  lesson: `cv.course_slug || ' / ' || lesson.value`,
  role: 'pp.role',
  organisation: 'o.name',
  municipality: PERSON_MUNICIPALITY,
  county: `left(${PERSON_MUNICIPALITY}, 2)`,
  ...period('a.completed_at'),
};

/** The SQL group key of each attendance dimension. */
export const ATTENDANCE_KEY: Readonly<Record<AttendanceDimension, string>> = {
  eventType: 'e.type',
  place: 'e.place',
  municipality: 'e.municipality_code',
  county: 'left(e.municipality_code, 2)',
  ...period('e.starts_at'),
};

/**
 * Applies a filter to a query over people `p` (and `o`, `pp`); `organisation` is the column of
 * the person's organisation. Every condition is ANDed: the organisation condition, when given,
 * can never be widened by the others (tenant isolation).
 */
export function applyPersonFilter(
  query: Knex.QueryBuilder,
  filter: ReportFilter,
  municipality: string,
  organisation = 'p.organisation_id',
): void {
  if (filter.organisationId !== undefined) query.where(organisation, filter.organisationId);
  if (filter.countyCode !== undefined) query.whereRaw(`left(${municipality}, 2) = ?`, [filter.countyCode]);
}

export function applyPeriod(query: Knex.QueryBuilder, column: string, filter: ReportFilter): void {
  if (filter.from) query.where(column, '>=', filter.from);
  if (filter.to) query.where(column, '<', filter.to);
}
