import { AppError, type JsonValue, type ReportFilter } from '@kompetenta/core';
import {
  PARTICIPANT_HEADER,
  REPORTS,
  buildReport,
  participantRows,
  reportDefinition,
  tableExport,
  writeCsv,
  writeXlsx,
  type ExportRow,
  periodOptions,
} from '@kompetenta/reporting';
import { KnexReportingStore } from '@kompetenta/storage';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { resolveReportPseudonymKey } from '../../reportPseudonymKey';
import { findOrganisation, withMigratedDatabase } from './commandDatabase';
import { fileSink, lineSink, type ExportSink } from './exportSink';
import type { ConfiguredContext } from './serverCommands';

/** The per-participant export's name beside the aggregate reports. */
export const PARTICIPANTS_EXPORT = 'participants';

interface ExportOptions {
  format?: string;
  semicolon?: boolean;
  out?: string;
  from?: string;
  to?: string;
  organisation?: string;
}

/** What to write: a header, its rows (pulled one by one) and the XLSX sheet name. */
interface ExportContent {
  readonly header: readonly string[];
  readonly rows: AsyncIterable<ExportRow> | Iterable<ExportRow>;
  readonly sheet: string;
}

/** The format from --format, else from the --out extension; csv by default. */
function chooseFormat(options: ExportOptions): 'csv' | 'xlsx' {
  const format = (
    options.format ?? (options.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')
  ).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') {
    throw new AppError('REPORT_FORMAT_UNKNOWN', `--format ${options.format} is not csv or xlsx.`);
  }
  if (format === 'xlsx' && !options.out) {
    throw new AppError('APP_USAGE_INVALID', 'An XLSX export is a binary file: give --out <file.xlsx>.');
  }
  return format;
}

/** The filter as the audit log keeps it: ISO dates and ids only, never a name typed by hand. */
function auditFilter(filter: ReportFilter): Record<string, JsonValue> {
  return {
    ...(filter.from ? { from: filter.from.toISOString() } : {}),
    ...(filter.to ? { to: filter.to.toISOString() } : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
  };
}

/**
 * `kompetenta export <report>`: an aggregate report (suppressed) or the pseudonymous
 * per-participant records, streamed as CSV (file or standard output) or XLSX, and audited.
 */
export function registerExportCommand(program: Command, ctx: ConfiguredContext): void {
  const names = [...Object.keys(REPORTS), PARTICIPANTS_EXPORT];
  program
    .command('export <report>')
    .description(
      `Export a report as CSV (UTF-8 with BOM) or XLSX; every export is written to the audit log. Reports: ${names.join(', ')}. ` +
        'Aggregates hide groups smaller than REPORT_SUPPRESSION_THRESHOLD; participants has one pseudonymous row per person.',
    )
    .option('--format <format>', 'csv or xlsx (default: from --out, else csv)')
    .option('--semicolon', 'separate CSV fields with ; (Swedish Excel)')
    .option('--out <file>', 'write to this file (default: CSV to standard output)')
    .option('--from <date>', 'from this date (inclusive)')
    .option('--to <date>', 'up to this date (that whole day included)')
    .option('--organisation <id or name>', 'only this organisation')
    .action(async (report: string, options: ExportOptions) => {
      if (report !== PARTICIPANTS_EXPORT) reportDefinition(report); // REPORT_NAME_UNKNOWN before any work
      const format = chooseFormat(options);
      const period = periodOptions(options);
      const config = ctx.config();
      await withMigratedDatabase(ctx, async (database) => {
        const organisation = options.organisation
          ? await findOrganisation(database.stores, options.organisation)
          : undefined;
        const filter: ReportFilter = {
          ...period,
          ...(organisation ? { organisationId: organisation.id } : {}),
        };
        const store = new KnexReportingStore(database.knex);
        let content: ExportContent;
        if (report === PARTICIPANTS_EXPORT) {
          const key = resolveReportPseudonymKey(config);
          content = {
            header: PARTICIPANT_HEADER,
            rows: participantRows(store.participantRecords(filter, key)),
            sheet: 'Deltagare',
          };
        } else {
          const { definition, table } = await buildReport(store, report, filter, {
            threshold: config.reportSuppressionThreshold,
          });
          content = { ...tableExport(table, definition.heading), sheet: report };
        }
        const out = options.out ? resolve(ctx.cwd, options.out) : undefined;
        const sink: ExportSink = out ? await fileSink(out) : lineSink((line) => ctx.out(line));
        const rows = await sink.run((stream: Writable) =>
          format === 'xlsx'
            ? writeXlsx(content.sheet, content.header, content.rows, stream)
            : writeCsv(content.header, content.rows, stream, { delimiter: options.semicolon ? ';' : ',' }),
        );
        await database.stores.audit.append({
          actor: 'cli',
          action: `export.${report}`,
          subject: null,
          organisationId: filter.organisationId ?? null,
          details: {
            format,
            destination: out ?? 'stdout',
            filter: auditFilter(filter),
            rows,
            ...(report === PARTICIPANTS_EXPORT ? {} : { threshold: config.reportSuppressionThreshold }),
          },
        });
        // The summary goes to stderr when the CSV itself is on stdout, so a pipe gets only CSV.
        const summary = `Exported ${rows} rows of ${report} as ${format.toUpperCase()}${out ? ` to ${out}` : ''}.`;
        if (out) ctx.out(summary);
        else ctx.err(summary);
      });
    });
}
