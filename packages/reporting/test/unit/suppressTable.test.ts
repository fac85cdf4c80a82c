import { expect } from 'chai';
import { isAppError } from '@kompetenta/core';
import { suppressTable, type SuppressedTable } from '../../src/index';

/** The table as text: numbers, `x` for a small cell, `c` for a complementary one. */
function shape(table: SuppressedTable): string[] {
  const show = (cell: SuppressedTable['grandTotal']) =>
    cell.suppressed === 'small' ? 'x' : cell.suppressed === 'complementary' ? 'c' : String(cell.value);
  return [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]!].map(show).join(' ')),
    [...table.columnTotals, table.grandTotal].map(show).join(' '),
  ];
}

/** No row or column (totals included) may have exactly one hidden entry. */
function expectNoLineRevealsOne(table: SuppressedTable): void {
  const grid = shape(table).map((line) => line.split(' '));
  const hidden = (v: string) => v === 'x' || v === 'c';
  for (const row of grid) expect(row.filter(hidden).length, row.join(' ')).to.not.equal(1);
  for (let j = 0; j < grid[0]!.length; j++)
    expect(grid.map((row) => row[j]!).filter(hidden).length, `column ${j}`).to.not.equal(1);
}

const table = (counts: number[][]) => ({
  rowLabels: counts.map((_, i) => `r${i}`),
  columnLabels: counts[0]!.map((_, j) => `c${j}`),
  counts,
});

describe('suppressTable', () => {
  it('publishes a table without small cells as it is', () => {
    const result = suppressTable(
      table([
        [10, 6],
        [7, 0],
      ]),
    );
    expect(shape(result)).to.deep.equal(['10 6 16', '7 0 7', '17 6 23']);
  });

  it('hides a single small cell and the smallest cells that would give it away', () => {
    const result = suppressTable(
      table([
        [10, 3, 8],
        [12, 6, 9],
      ]),
    );
    expect(shape(result)).to.deep.equal(['10 x c 21', '12 c c 27', '22 9 17 48']);
    expectNoLineRevealsOne(result);
  });

  it('needs no complement when two small cells share the row and their columns have others', () => {
    const result = suppressTable(
      table([
        [2, 4, 20],
        [3, 1, 30],
        [9, 9, 9],
      ]),
    );
    expect(shape(result)).to.deep.equal(['x x 20 26', 'x x 30 34', '9 9 9 27', '14 14 59 87']);
    expectNoLineRevealsOne(result);
  });

  it('hides a small row total with its cells, and the smallest cells and row total that would reveal them', () => {
    const result = suppressTable(
      table([
        [2, 1, 0],
        [10, 12, 6],
        [8, 9, 7],
      ]),
    );
    expect(shape(result)).to.deep.equal(['x x 0 x', '10 12 6 28', 'c c 7 c', '20 22 13 55']);
    expectNoLineRevealsOne(result);
  });

  it('hides a column total when it alone would reveal the small cell', () => {
    // One row: each column total equals its cell, so the totals must hide with the cells.
    const result = suppressTable(table([[10, 3]]));
    expect(shape(result)).to.deep.equal(['c x 13', 'c x 13']);
    expectNoLineRevealsOne(result);
  });

  it('keeps zeros visible: an empty group identifies nobody', () => {
    const result = suppressTable(
      table([
        [0, 0],
        [5, 5],
      ]),
    );
    expect(shape(result)).to.deep.equal(['0 0 0', '5 5 10', '5 5 10']);
  });

  it('uses the configured threshold and refuses one below 3', () => {
    expect(
      shape(
        suppressTable(
          table([
            [3, 4],
            [5, 6],
          ]),
          { threshold: 3 },
        ),
      ),
    ).to.deep.equal(['3 4 7', '5 6 11', '8 10 18']);
    for (const threshold of [2, 0, 4.5]) {
      try {
        suppressTable(table([[1]]), { threshold });
        expect.fail(`threshold ${threshold} accepted`);
      } catch (error) {
        expect(isAppError(error, 'REPORT_THRESHOLD_INVALID'), String(error)).to.equal(true);
      }
    }
  });
});
