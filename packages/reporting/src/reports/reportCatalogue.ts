import {
  AppError,
  type AttendanceDimension,
  type CompletionDimension,
  type ReportFilter,
  type ReportingStore,
} from '@kompetenta/core';
import { genderSplitTable } from '../suppression/genderTable';
import type { SuppressedTable } from '../suppression/suppressTable';
import { groupLabel } from './labels';

/** One aggregate report: what it counts, grouped by what. */
export type ReportDefinition =
  | {
      readonly source: 'completion';
      readonly dimension: CompletionDimension;
      readonly title: string;
      readonly heading: string;
    }
  | {
      readonly source: 'attendance';
      readonly dimension: AttendanceDimension;
      readonly title: string;
      readonly heading: string;
    };

const completion = (dimension: CompletionDimension, heading: string): ReportDefinition => ({
  source: 'completion',
  dimension,
  heading,
  title: `Genomförda utbildningar per ${heading.toLowerCase()} och kön`,
});
const attendance = (dimension: AttendanceDimension, heading: string): ReportDefinition => ({
  source: 'attendance',
  dimension,
  heading,
  title: `Deltagare i aktiviteter per ${heading.toLowerCase()} och kön`,
});

/** Every aggregate report by its name, as used by `kompetenta export <report>` and the export URLs. */
export const REPORTS: Readonly<Record<string, ReportDefinition>> = {
  'completion-by-course': completion('course', 'Kurs'),
  'completion-by-lesson': completion('lesson', 'Lektion'),
  'completion-by-role': completion('role', 'Roll'),
  'completion-by-organisation': completion('organisation', 'Organisation'),
  'completion-by-municipality': completion('municipality', 'Kommun'),
  'completion-by-county': completion('county', 'Län'),
  'completion-by-month': completion('month', 'Månad'),
  'completion-by-quarter': completion('quarter', 'Kvartal'),
  'completion-by-year': completion('year', 'År'),
  'attendance-by-event-type': attendance('eventType', 'Aktivitetstyp'),
  'attendance-by-place': attendance('place', 'Ort'),
  'attendance-by-municipality': attendance('municipality', 'Kommun'),
  'attendance-by-county': attendance('county', 'Län'),
  'attendance-by-month': attendance('month', 'Månad'),
  'attendance-by-quarter': attendance('quarter', 'Kvartal'),
  'attendance-by-year': attendance('year', 'År'),
};

/** The report named `name`; throws REPORT_NAME_UNKNOWN listing the known names. */
export function reportDefinition(name: string): ReportDefinition {
  const definition = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (!definition) {
    throw new AppError(
      'REPORT_NAME_UNKNOWN',
      `There is no report ${name}; the reports are ${Object.keys(REPORTS).join(', ')} and participants.`,
      { name },
    );
  }
  return definition;
}

/** Runs a report against the store and suppresses it: the only way aggregates leave the system. */
export async function buildReport(
  store: ReportingStore,
  name: string,
  filter: ReportFilter = {},
  options: { threshold?: number } = {},
): Promise<{ definition: ReportDefinition; table: SuppressedTable }> {
  const definition = reportDefinition(name);
  const counts =
    definition.source === 'completion'
      ? await store.completionCounts(definition.dimension, filter)
      : await store.attendanceCounts(definition.dimension, filter);
  const table = genderSplitTable(counts, {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    label: (key) => groupLabel(definition.dimension, key),
  });
  return { definition, table };
}
