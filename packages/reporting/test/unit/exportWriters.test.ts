import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { safeCell, writeCsv, writeXlsx } from '../../src/index';

function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => stream.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('safeCell', () => {
  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const text of ['=1+1', '+46', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(safeCell(text), JSON.stringify(text)).to.equal(`'${text}`);
    expect(safeCell('Umeå')).to.equal('Umeå');
    expect(safeCell(-3)).to.equal('-3');
    expect(safeCell(null)).to.equal('');
  });
});

describe('writeCsv', () => {
  it('writes UTF-8 with BOM, CRLF, quoting, and counts the data rows', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const count = await writeCsv(
      ['Kommun', 'Antal'],
      [
        ['Umeå', 7],
        ['Malung-Sälen, "fjäll"', 5],
      ],
      out,
    );
    const buffer = await bytes;
    expect(count).to.equal(2);
    expect([...buffer.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(buffer.subarray(3).toString('utf8')).to.equal(
      'Kommun,Antal\r\nUmeå,7\r\n"Malung-Sälen, ""fjäll""",5\r\n',
    );
  });

  it('uses semicolons for Swedish Excel and neutralises formulas', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    async function* rows() {
      yield await Promise.resolve(['=HYPERLINK("x")', 1.5] as const);
    }
    await writeCsv(['a', 'b'], rows(), out, { delimiter: ';' });
    expect((await bytes).subarray(3).toString('utf8')).to.equal('a;b\r\n"\'=HYPERLINK(""x"")";1.5\r\n');
  });
});

describe('writeXlsx', () => {
  it('writes a sheet that reads back with header, text, numbers and neutralised formulas', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const count = await writeXlsx(
      'Deltagare',
      ['Län', 'Antal'],
      [
        ['Västerbottens län', 12],
        ['=2+2', 3],
      ],
      out,
    );
    expect(count).to.equal(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Deltagare')!;
    expect(sheet.getRow(1).values).to.deep.equal([undefined, 'Län', 'Antal']);
    expect(sheet.getRow(2).values).to.deep.equal([undefined, 'Västerbottens län', 12]);
    expect(sheet.getRow(3).getCell(1).value).to.equal("'=2+2");
  });
});
