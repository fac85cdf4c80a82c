import { AppError } from '@kompetenta/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A roster as text cells, before any meaning is given to them. */
export interface RawRoster {
  readonly header: readonly string[];
  /** Data rows with their row number in the file (the header is row 1, as spreadsheets count). */
  readonly rows: readonly { readonly rowNumber: number; readonly cells: readonly string[] }[];
}

/** The file formats a roster can be uploaded in: CSV (UTF-8) or an Excel workbook (`.xlsx`). */
export type RosterFormat = 'csv' | 'xlsx';

/** The format a file name implies, or undefined. */
export function rosterFormat(fileName: string): RosterFormat | undefined {
  const match = /\.(csv|xlsx)$/i.exec(fileName);
  return match ? (match[1]!.toLowerCase() as RosterFormat) : undefined;
}

function unreadable(message: string, cause?: unknown): AppError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new AppError('EVENT_ROSTER_UNREADABLE', `${message}${reason}`);
}

/**
 * Swedish Excel saves CSV with `;`, everything else with `,`: the header line decides. Guessing
 * per line would split a name such as "Berg, Anna" in a semicolon file.
 */
function delimiterOf(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function withoutEmptyRows(roster: RawRoster): RawRoster {
  return { header: roster.header, rows: roster.rows.filter((row) => row.cells.some((cell) => cell !== '')) };
}

/** What csv-parse returns per record with `info: true`. */
interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Reads CSV text (UTF-8, with or without a byte-order mark, `,` or `;`). */
export function readCsvRoster(bytes: Uint8Array): RawRoster {
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  let records: CsvRecord[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // With `info: true` csv-parse returns { record, info } objects; its typings do not say so.
    }) as unknown as CsvRecord[];
  } catch (error) {
    throw unreadable('The roster is not readable CSV', error);
  }
  const [first, ...rest] = records;
  if (!first) throw unreadable('The roster is empty: it needs a header row and at least one person');
  // info.lines is the line a record ends on; it stays right across quoted line breaks for
  // single-line rows, which is what rosters hold.
  return withoutEmptyRows({
    header: first.record,
    rows: rest.map(({ record, info }) => ({ rowNumber: info.lines, cells: record })),
  });
}

/** Reads the first sheet of an XLSX workbook; cells are taken as Excel shows them. */
export async function readXlsxRoster(bytes: Uint8Array): Promise<RawRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable('The roster is not a readable XLSX workbook', error);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('The roster workbook has no sheet');
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // Columns are 1-based; `cell.text` gives a hyperlink's text (e-mail cells often are links).
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text.trim());
    rows.push({ rowNumber, cells });
  });
  const [first, ...rest] = rows;
  if (!first || first.rowNumber !== 1)
    throw unreadable('The roster sheet must start with a header row in row 1');
  return withoutEmptyRows({ header: first.cells, rows: rest });
}

/** Reads a roster of either format. Throws EVENT_ROSTER_UNREADABLE. */
export function readRoster(bytes: Uint8Array, format: RosterFormat): Promise<RawRoster> {
  return format === 'csv' ? Promise.resolve().then(() => readCsvRoster(bytes)) : readXlsxRoster(bytes);
}
