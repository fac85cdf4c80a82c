import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { safeCell } from './safeCell';

/** A row to export: text or numbers; null is an empty cell. */
export type ExportRow = readonly (string | number | null)[];

export interface CsvOptions {
  /** `;` for Swedish Excel, which reads `,` as the decimal separator. Default `,`. */
  readonly delimiter?: ',' | ';';
}

/**
 * Writes rows as CSV to `out`: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), CRLF line
 * ends, formula-looking cells neutralised. Rows are pulled one at a time and back-pressure is
 * respected, so memory stays constant for any number of rows. Returns the number of data rows
 * (the header not counted). `out` is ended.
 */
export async function writeCsv(
  header: readonly string[],
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  out: Writable,
  options: CsvOptions = {},
): Promise<number> {
  const csv = stringify({ delimiter: options.delimiter ?? ',', bom: true, record_delimiter: 'windows' });
  csv.pipe(out);
  const finished = once(out, 'finish');
  const write = async (row: readonly (string | number | null)[]) => {
    if (!csv.write(row.map(safeCell))) await once(csv, 'drain');
  };
  let count = 0;
  await write(header);
  for await (const row of rows) {
    await write(row);
    count++;
  }
  csv.end();
  await finished;
  return count;
}
