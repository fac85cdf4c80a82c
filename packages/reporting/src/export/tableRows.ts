import type { ParticipantRecord } from '@kompetenta/core';
import type { Cell, SuppressedTable } from '../suppression/suppressTable';
import type { ExportRow } from './writeCsv';

/** How a suppressed cell is written: Statistics Sweden's ".." for "not shown". */
export const SUPPRESSED_MARK = '..';

function cellValue(cell: Cell): string | number {
  return cell.value ?? SUPPRESSED_MARK;
}

/** A suppressed table as export rows: the group, one column per gender, the total; then a total row. */
export function tableExport(
  table: SuppressedTable,
  groupHeading: string,
): { header: string[]; rows: ExportRow[] } {
  const header = [groupHeading, ...table.columnLabels, 'Totalt'];
  const rows: ExportRow[] = table.cells.map((row, i) => [
    table.rowLabels[i]!,
    ...row.map(cellValue),
    cellValue(table.rowTotals[i]!),
  ]);
  rows.push(['Totalt', ...table.columnTotals.map(cellValue), cellValue(table.grandTotal)]);
  return { header, rows };
}

/** Column headings of the per-participant export. */
export const PARTICIPANT_HEADER = [
  'deltagar_id',
  'organisation',
  'roll',
  'kon',
  'kommunkod',
  'kurser',
  'aktiviteter',
  'timmar',
] as const;

/** Formatted days by instant: every attendee of an event shares its date, so most are repeats. */
const days = new Map<number, string>();
const MAX_DAYS = 20_000;

function day(date: Date): string {
  const time = date.getTime();
  let text = days.get(time);
  if (text === undefined) {
    if (days.size >= MAX_DAYS) days.clear();
    text = date.toISOString().slice(0, 10);
    days.set(time, text);
  }
  return text;
}

/** One participant as one row; courses and events are listed in their cells. */
export function participantRow(record: ParticipantRecord): ExportRow {
  const courses = record.courses
    .map((c) => `${c.slug} ${day(c.startedAt)}–${c.completedAt ? day(c.completedAt) : ''}`)
    .join('; ');
  const events = record.events.map((e) => `${day(e.startsAt)} ${e.type} (${e.hours} h)`).join('; ');
  const hours = record.events.reduce((sum, e) => sum + e.hours, 0);
  return [
    record.participantId,
    record.organisation,
    record.role ?? '',
    record.gender ?? 'ej_registrerat',
    record.municipalityCode ?? '',
    courses,
    events,
    hours,
  ];
}

/** Maps an async stream of records to rows without buffering them. */
export async function* participantRows(records: AsyncIterable<ParticipantRecord>): AsyncIterable<ExportRow> {
  for await (const record of records) yield participantRow(record);
}
