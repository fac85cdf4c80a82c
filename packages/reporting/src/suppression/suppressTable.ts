import { resolveThreshold } from './threshold';

/** Why a cell is hidden: it is small itself, or it had to hide to protect a small one. */
export type SuppressionReason = 'small' | 'complementary';

/** One published number; `value` is null when suppressed. */
export interface Cell {
  readonly value: number | null;
  readonly suppressed: SuppressionReason | null;
}

/** A count table with row and column totals, after suppression. */
export interface SuppressedTable {
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  readonly cells: readonly (readonly Cell[])[];
  readonly rowTotals: readonly Cell[];
  readonly columnTotals: readonly Cell[];
  readonly grandTotal: Cell;
  readonly threshold: number;
}

/** Counts to publish: rows × columns; totals are computed. */
export interface CountTable {
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  readonly counts: readonly (readonly number[])[];
}

/**
 * Small-cell suppression with complementary suppression.
 *
 * The table is seen with its totals as an (m+1)×(n+1) grid: every row, and every column, is one
 * linear equation (cells add up to the total). Primary: every entry with 0 < n < k is hidden.
 * Complementary: a line with exactly one hidden entry would give it away (total minus the visible
 * entries), so the smallest other non-zero entry of that line is hidden too — interior cells
 * before totals — until no line has exactly one hidden entry. Zeros are never primary: an empty
 * group identifies nobody.
 */
export function suppressTable(table: CountTable, options: { threshold?: number } = {}): SuppressedTable {
  const k = resolveThreshold(options.threshold);
  const m = table.rowLabels.length;
  const n = table.columnLabels.length;
  const grid: number[][] = table.counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: n + 1 }, (_, j) => grid.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  grid.push(totals);
  const hidden: (SuppressionReason | null)[][] = grid.map((row) =>
    row.map((value) => (value > 0 && value < k ? 'small' : null)),
  );

  const lines: [number, number][][] = [
    ...grid.map((_, i) => Array.from({ length: n + 1 }, (__, j): [number, number] => [i, j])),
    ...Array.from({ length: n + 1 }, (_, j) => grid.map((__, i): [number, number] => [i, j])),
  ];
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => hidden[i]![j] !== null).length !== 1) continue;
      const complement = pickComplement(line, grid, hidden, m, n);
      if (complement) {
        hidden[complement[0]]![complement[1]] = 'complementary';
        changed = true;
      }
    }
  }

  const cell = (i: number, j: number): Cell => {
    const reason = hidden[i]![j] ?? null;
    return { value: reason ? null : grid[i]![j]!, suppressed: reason };
  };
  return {
    rowLabels: table.rowLabels,
    columnLabels: table.columnLabels,
    cells: Array.from({ length: m }, (_, i) => Array.from({ length: n }, (__, j) => cell(i, j))),
    rowTotals: Array.from({ length: m }, (_, i) => cell(i, n)),
    columnTotals: Array.from({ length: n }, (_, j) => cell(m, j)),
    grandTotal: cell(m, n),
    threshold: k,
  };
}

/** The smallest visible non-zero interior entry of the line, else its visible total, else a zero. */
function pickComplement(
  line: readonly [number, number][],
  grid: readonly (readonly number[])[],
  hidden: readonly (readonly (SuppressionReason | null)[])[],
  m: number,
  n: number,
): [number, number] | undefined {
  const visible = line.filter(([i, j]) => hidden[i]![j] === null);
  const isTotal = ([i, j]: [number, number]) => i === m || j === n;
  const rank = (entry: [number, number]): number => {
    const value = grid[entry[0]]![entry[1]]!;
    if (value === 0) return Number.MAX_SAFE_INTEGER; // hiding a zero protects nothing, last resort
    return (isTotal(entry) ? 1e12 : 0) + value;
  };
  return [...visible].sort((a, b) => rank(a) - rank(b))[0];
}
