import { systemClock, type JsonValue, type ReportFilter } from '@kompetenta/core';
import {
  PARTICIPANT_HEADER,
  buildReport,
  participantRows,
  resolveThreshold,
  tableExport,
  writeCsv,
  writeXlsx,
  type ExportRow,
} from '@kompetenta/reporting';
import type { Response } from 'express';
import { Writable } from 'node:stream';
import type { ExportDeps } from './ExportDeps';
import type { ExportPrincipal } from './ExportPrincipal';
import { PARTICIPANTS_EXPORT, scopeFilter, type ExportRequest } from './exportRequest';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The filter as the audit log keeps it: ISO dates and ids, never free text. */
export function auditFilter(filter: ReportFilter): Record<string, JsonValue> {
  return {
    ...(filter.from ? { from: filter.from.toISOString() } : {}),
    ...(filter.to ? { to: filter.to.toISOString() } : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.courseSlug ? { course: filter.courseSlug } : {}),
    ...(filter.eventType ? { eventType: filter.eventType } : {}),
    ...(filter.countyCode ? { county: filter.countyCode } : {}),
  };
}

/** Counts rows as they are pulled, and stops pulling once the client has gone. */
async function* counted(
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  tally: { rows: number; gone: boolean },
): AsyncIterable<ExportRow> {
  for await (const row of rows) {
    if (tally.gone) return;
    tally.rows++;
    yield row;
  }
}

/**
 * Streams one export to `res` and records it in the audit log (who, when, filter, rows, whether
 * the client took all of it). The tenant scope is applied first; aggregates are always suppressed
 * (buildReport is the only way they leave the system). Rows are pulled one at a time against the
 * response's back-pressure, so memory stays constant however many there are. Everything that can
 * fail on the request (filter, scope, key) fails before the first byte is sent.
 */
export async function streamExport(
  deps: ExportDeps,
  principal: ExportPrincipal,
  request: ExportRequest,
  res: Response,
): Promise<void> {
  const filter = scopeFilter(principal, request.filter);
  const participants = request.report === PARTICIPANTS_EXPORT;
  let header: readonly string[];
  let rows: AsyncIterable<ExportRow> | Iterable<ExportRow>;
  if (participants) {
    header = PARTICIPANT_HEADER;
    rows = participantRows(deps.reporting.participantRecords(filter, deps.pseudonymKey()));
  } else {
    const { definition, table } = await buildReport(deps.reporting, request.report, filter, {
      ...(deps.suppressionThreshold === undefined ? {} : { threshold: deps.suppressionThreshold }),
    });
    ({ header, rows } = tableExport(table, definition.heading));
  }
  const day = (deps.clock ?? systemClock).now().toISOString().slice(0, 10);
  res.status(200).set({
    'Content-Type': CONTENT_TYPES[request.format],
    'Content-Disposition': `attachment; filename="${request.report}-${day}.${request.format}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  const tally = { rows: 0, gone: false };
  const gone = new Promise<void>((resolve) =>
    res.once('close', () => {
      tally.gone = !res.writableFinished;
      resolve();
    }),
  );
  const source = counted(rows, tally);
  // The writers end the stream they are given; the response ends only after the audit entry is
  // written, so a client that has the whole file can rely on the export being in the log.
  const body = forwardWithoutEnd(res);
  const written =
    request.format === 'xlsx'
      ? writeXlsx(participants ? 'Deltagare' : request.report, header, source, body)
      : writeCsv(header, source, body, { delimiter: request.delimiter });
  // A client that hangs up stops the export; the audit says how far it got. A writer left
  // waiting for a gone client must not surface later as an unhandled rejection.
  written.catch(() => undefined);
  await Promise.race([written, gone.then(() => (tally.gone ? undefined : written))]);
  await deps.stores.audit.append({
    actor: principal.actor,
    action: `export.${request.report}`,
    subject: null,
    organisationId: filter.organisationId ?? null,
    details: {
      via: principal.via,
      name: principal.label,
      format: request.format,
      filter: auditFilter(filter),
      rows: tally.rows,
      completed: !tally.gone,
      ...(participants ? {} : { threshold: resolveThreshold(deps.suppressionThreshold) }),
    },
  });
  if (!tally.gone) res.end();
}

/** A writable that passes chunks to the response with its back-pressure, and leaves ending it to us. */
function forwardWithoutEnd(res: Response): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (res.destroyed || res.write(chunk)) done();
      else res.once('drain', () => done());
    },
  });
}
