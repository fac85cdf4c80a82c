/**
 * @kompetenta/reporting — report aggregations over the core reporting port, small-cell
 * suppression, CSV/XLSX writers and accessible SVG charts. No database, no HTTP.
 * @packageDocumentation
 */
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  MIN_SUPPRESSION_THRESHOLD,
  resolveThreshold,
} from './suppression/threshold';
export {
  suppressTable,
  type Cell,
  type CountTable,
  type SuppressedTable,
  type SuppressionReason,
} from './suppression/suppressTable';
export {
  genderSplitTable,
  genderColumns,
  GENDER_COLUMN_LABELS,
  type GenderColumn,
} from './suppression/genderTable';
export { safeCell } from './export/safeCell';
export { writeCsv, type CsvOptions, type ExportRow } from './export/writeCsv';
export { writeXlsx } from './export/writeXlsx';
export {
  tableExport,
  participantRow,
  participantRows,
  PARTICIPANT_HEADER,
  SUPPRESSED_MARK,
} from './export/tableRows';
export { renderBarChart, chartDataTable, SERIES_STYLES, type BarChartOptions } from './charts/barChart';
export { escapeXml } from './charts/escapeXml';
export { EVENT_TYPE_LABELS, ROLE_LABELS, groupLabel } from './reports/labels';
export { REPORTS, reportDefinition, buildReport, type ReportDefinition } from './reports/reportCatalogue';
export { targetProgress, type TargetProgress } from './reports/targetProgress';
export {
  formatStockholm,
  parseStockholmTime,
  periodEnd,
  periodOptions,
  type ParsedInstant,
} from './time/stockholmTime';
export { ROSTER_COLUMNS, foldKey, type RosterColumn, type RosterField } from './roster/rosterColumns';
export { importRoster, importCheckedRoster, type RosterImportResult } from './roster/importRoster';
export { readRoster, rosterFormat, type RawRoster, type RosterFormat } from './roster/readRoster';
export {
  validateRoster,
  requireValidRoster,
  describeRosterProblem,
  type RosterCheck,
  type RosterEntry,
  type RosterOptions,
  type RosterProblem,
} from './roster/validateRoster';
