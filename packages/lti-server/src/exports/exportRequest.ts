import { AppError, type ReportFilter } from '@kompetenta/core';
import { REPORTS } from '@kompetenta/reporting';
import type { ExportPrincipal } from './ExportPrincipal';
import { readReportFilter, single } from './reportFilterQuery';

/** The per-participant export's name beside the aggregate reports (as in `kompetenta export`). */
export const PARTICIPANTS_EXPORT = 'participants';

/** Every export name the routes accept. */
export const EXPORT_NAMES: readonly string[] = [...Object.keys(REPORTS), PARTICIPANTS_EXPORT];

/** The query parameters an export accepts; anything else is refused so a typo is not silently ignored. */
export const EXPORT_QUERY_KEYS = [
  'from',
  'to',
  'course',
  'eventType',
  'county',
  'organisation',
  'separator',
] as const;

/** A checked export request, before the tenant scope is applied. */
export interface ExportRequest {
  readonly report: string;
  readonly format: 'csv' | 'xlsx';
  readonly delimiter: ',' | ';';
  readonly filter: ReportFilter;
}

/**
 * Reads `<report>.<csv|xlsx>` and the query into an export request, collecting every problem
 * before failing once with REPORT_NAME_UNKNOWN, REPORT_FORMAT_UNKNOWN or REPORT_FILTER_INVALID.
 */
export function readExportRequest(file: string, query: Record<string, unknown>): ExportRequest {
  const match = /^(.+)\.([a-z]+)$/i.exec(file);
  const report = match?.[1] ?? file;
  const format = match?.[2]?.toLowerCase();
  if (!EXPORT_NAMES.includes(report)) {
    throw new AppError(
      'REPORT_NAME_UNKNOWN',
      `There is no report ${report}; the reports are ${EXPORT_NAMES.join(', ')}.`,
      { report },
    );
  }
  if (format !== 'csv' && format !== 'xlsx') {
    throw new AppError('REPORT_FORMAT_UNKNOWN', `Ask for ${report}.csv or ${report}.xlsx.`, { file });
  }
  const { filter, problems } = readReportFilter(query, EXPORT_QUERY_KEYS);
  const separator = single(query, 'separator', problems);
  if (separator !== undefined && separator !== 'semicolon' && separator !== 'comma')
    problems.push(`separator ${separator} is not semicolon or comma`);
  if (separator !== undefined && format === 'xlsx') problems.push('separator applies to CSV only');
  if (problems.length > 0) {
    throw new AppError('REPORT_FILTER_INVALID', `The export request is not valid: ${problems.join('; ')}.`, {
      problems,
    });
  }
  return { report, format, delimiter: separator === 'semicolon' ? ';' : ',', filter };
}

/**
 * The filter a principal may run: an organisation's principal always gets its own organisation,
 * and naming another one is refused (REPORT_SCOPE_FORBIDDEN) rather than quietly narrowed, so a
 * caller never mistakes an empty answer for another tenant's data.
 */
export function scopeFilter(principal: ExportPrincipal, filter: ReportFilter): ReportFilter {
  if (principal.organisationId === null) return filter;
  if (filter.organisationId !== undefined && filter.organisationId !== principal.organisationId) {
    throw new AppError('REPORT_SCOPE_FORBIDDEN', undefined, { organisation: filter.organisationId });
  }
  return { ...filter, organisationId: principal.organisationId };
}
