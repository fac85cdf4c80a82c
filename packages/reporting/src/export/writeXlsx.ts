import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { safeCell } from './safeCell';
import type { ExportRow } from './writeCsv';

/**
 * Writes rows as one XLSX sheet to `out` with exceljs' streaming writer: each row is committed
 * (written out and released) as soon as it is added, so memory stays constant. Numbers stay
 * numbers; text that looks like a formula is neutralised as in CSV. Returns the data-row count.
 */
export async function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const headerRow = sheet.addRow([...header]);
  headerRow.font = { bold: true };
  headerRow.commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(row.map((value) => (typeof value === 'number' ? value : safeCell(value)))).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
