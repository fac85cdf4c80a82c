import { isAppError } from '@kompetenta/core';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readRoster, validateRoster, type RawRoster } from '../../src/index';
import { readCsvRoster } from '../../src/roster/readRoster';
import { csvRoster, HEADER, hostileText, ORGANISATION } from './rosterArbitraries';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 300 };

/** Reads bytes as the importer does; a refusal must be our EVENT_ROSTER_UNREADABLE, nothing else. */
async function readOrRefuse(bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<RawRoster | null> {
  try {
    return await readRoster(bytes, format);
  } catch (error) {
    expect(isAppError(error, 'EVENT_ROSTER_UNREADABLE'), String(error)).to.equal(true);
    return null;
  }
}

describe('roster import under fuzzing', () => {
  it('reports exactly the broken rows, by file row number, and accepts no entry when any row is bad', () => {
    fc.assert(
      fc.property(csvRoster, (roster) => {
        const check = validateRoster(readCsvRoster(roster.bytes), { organisationName: ORGANISATION });
        const reported = [...new Set(check.problems.map((problem) => problem.row))].sort((a, b) => a - b);
        expect(reported).to.deep.equal(roster.badRows);
        for (const problem of check.problems) {
          expect(problem.column).to.be.a('string');
          expect(problem.message).to.be.a('string').and.not.be.empty;
        }
        if (roster.badRows.length > 0) expect(check.entries).to.deep.equal([]);
        else expect(check.entries).to.have.length(roster.rows.length);
      }),
      fuzz,
    );
  });

  it('keeps hostile names (formulas, markup, quotes, separators) verbatim as data, for the output side to escape', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(',', ';'), (name, separator) => {
        const cell = `"${name.replace(/"/g, '""')}"`;
        const text = `namn${separator}e-post\n${cell}${separator}a@example.se\n`;
        const check = validateRoster(readCsvRoster(Buffer.from(text)));
        if (name.trim() === '') return;
        expect(check.problems).to.deep.equal([]);
        expect(check.entries[0]?.name).to.equal(name.trim());
      }),
      fuzz,
    );
  });

  it('answers any bytes as CSV with a roster or EVENT_ROSTER_UNREADABLE, every problem on a real row', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc
        .array(
          fc.array(fc.oneof(hostileText, fc.constantFrom('"', '""', ';', ',', '\r', '\n', '\uFEFF', '')), {
            maxLength: 8,
          }),
          { maxLength: 12 },
        )
        .map((rows) => Buffer.from(rows.map((cells) => cells.join(',')).join('\n'))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (input) => {
        const raw = await readOrRefuse(input, 'csv');
        if (raw === null) return;
        const check = validateRoster(raw);
        for (const problem of check.problems) {
          expect(Number.isInteger(problem.row) && problem.row >= 1).to.equal(true);
        }
        if (check.problems.length > 0) expect(check.entries).to.deep.equal([]);
      }),
      fuzz,
    );
  });

  it('answers a corrupted or hostile XLSX workbook with a roster or EVENT_ROSTER_UNREADABLE', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Deltagare');
    sheet.addRow(HEADER);
    sheet.addRow(['Anna Berg', 'anna@example.se']);
    sheet.addRow([{ formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }, 'bo@example.se']);
    sheet.addRow([
      { richText: [{ text: '<b>Cia</b>' }] },
      { text: 'c@example.se', hyperlink: 'javascript:1' },
    ]);
    const valid = Buffer.from(await workbook.xlsx.writeBuffer());
    const mutated = fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((flips) => {
        const copy = Buffer.from(valid);
        for (const [at, byte] of flips) copy[at] = byte;
        return copy;
      });
    const truncated = fc.nat(valid.length - 1).map((end) => valid.subarray(0, end));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, truncated, fc.uint8Array({ maxLength: 300 })), async (input) => {
        const raw = await readOrRefuse(input, 'xlsx');
        if (raw !== null) validateRoster(raw);
      }),
      { ...fuzz, numRuns: 60 },
    );
    const intact = await readOrRefuse(valid, 'xlsx');
    expect(intact?.rows.map((row) => row.cells[0])).to.deep.equal(['Anna Berg', 'x', '<b>Cia</b>']);
  });
});
