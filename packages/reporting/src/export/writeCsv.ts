import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { safeCell } from './safeCell';

/** A row to export: text or numbers; null is an empty cell. */
export type ExportRow = readonly (string | number | null)[];

/** Options of {@link writeCsv}. */
export interface CsvOptions {
  /** `;` for Swedish Excel, which reads `,` as the decimal separator. Default `,`. */
  readonly delimiter?: ',' | ';';
}

const BOM = '\ufeff';
const RECORD_END = '\r\n';
/** Text gathered before one write to `out`: few large writes instead of one per row. */
const CHUNK_CHARS = 64 * 1024;

/** RFC 4180: a cell holding the delimiter, a quote or a line break is quoted, quotes doubled. */
function csvCell(value: string | number | null, needsQuotes: RegExp): string {
  const text = safeCell(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV to `out`: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), CRLF line
 * ends, RFC 4180 quoting, formula-looking cells neutralised. Rows are pulled one at a time and
 * written in chunks of about 64 KB, waiting for `drain` when `out` is full, so memory stays
 * constant for any number of rows. Returns the number of data rows (the header not counted).
 * `out` is ended.
 */
export async function writeCsv(
  header: readonly string[],
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  out: Writable,
  options: CsvOptions = {},
): Promise<number> {
  const delimiter = options.delimiter ?? ',';
  const needsQuotes = delimiter === ';' ? /[";\r\n]/ : /[",\r\n]/;
  const finished = once(out, 'finish');
  // Awaited below; handled now too, so an `out` that fails mid-export is not an unhandled rejection.
  finished.catch(() => undefined);
  let chunk = BOM;
  const flush = async () => {
    const full = !out.write(chunk, 'utf8');
    chunk = '';
    if (full) await once(out, 'drain');
  };
  const add = async (row: ExportRow) => {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) chunk += delimiter;
      chunk += csvCell(row[i]!, needsQuotes);
    }
    chunk += RECORD_END;
    if (chunk.length >= CHUNK_CHARS) await flush();
  };
  let count = 0;
  await add(header);
  for await (const row of rows) {
    await add(row);
    count++;
  }
  if (chunk.length > 0) await flush();
  out.end();
  await finished;
  return count;
}
