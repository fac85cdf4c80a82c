import type { Gender, GenderCount } from '@kompetenta/core';
import { resolveThreshold } from './threshold';
import { suppressTable, type CountTable, type SuppressedTable } from './suppressTable';

/** A column of a gender split. `ovriga` is `annat` and `vill_ej_uppge` merged. */
export type GenderColumn = Gender | 'ovriga' | 'ej_registrerat';

/** Column headings as staff read them (Swedish first; see docs/usage/reporting.md). */
export const GENDER_COLUMN_LABELS: Readonly<Record<GenderColumn, string>> = {
  kvinna: 'Kvinnor',
  man: 'Män',
  annat: 'Annat',
  vill_ej_uppge: 'Vill ej uppge',
  ovriga: 'Övriga/vill ej uppge',
  ej_registrerat: 'Ej registrerat',
};

/**
 * Which columns a table gets: `annat` and `vill_ej_uppge` stay apart only when neither has a
 * small group (0 < n < k) anywhere in the table; otherwise they are merged into `ovriga` before
 * suppression, for every row alike, so the columns mean the same throughout.
 */
export function genderColumns(rows: readonly GenderCount[], k: number): GenderColumn[] {
  const small = (gender: Gender) =>
    totalsBy(rows.filter((row) => row.gender === gender)).some(([, count]) => count > 0 && count < k);
  const split = !small('annat') && !small('vill_ej_uppge');
  return [
    'kvinna',
    'man',
    ...(split ? (['annat', 'vill_ej_uppge'] as const) : (['ovriga'] as const)),
    'ej_registrerat',
  ];
}

function totalsBy(rows: readonly GenderCount[]): [string | null, number][] {
  const sums = new Map<string | null, number>();
  for (const row of rows) sums.set(row.key, (sums.get(row.key) ?? 0) + row.count);
  return [...sums];
}

function columnOf(gender: Gender | null, columns: readonly GenderColumn[]): GenderColumn {
  if (gender === null) return 'ej_registrerat';
  if ((gender === 'annat' || gender === 'vill_ej_uppge') && columns.includes('ovriga')) return 'ovriga';
  return gender;
}

/**
 * Turns store counts into a suppressed table: one row per group (labelled by `label`, in the
 * order of first appearance unless `order` is given), one column per gender column.
 */
export function genderSplitTable(
  rows: readonly GenderCount[],
  options: { threshold?: number; label?: (key: string | null) => string; order?: readonly string[] } = {},
): SuppressedTable & { readonly columns: readonly GenderColumn[] } {
  const k = resolveThreshold(options.threshold);
  const columns = genderColumns(rows, k);
  const label = options.label ?? ((key: string | null) => key ?? 'Okänd');
  const keys: (string | null)[] = [...(options.order ?? [])];
  for (const row of rows) if (!keys.includes(row.key)) keys.push(row.key);
  const counts = keys.map(() => columns.map(() => 0));
  for (const row of rows) {
    const line = counts[keys.indexOf(row.key)]!;
    const j = columns.indexOf(columnOf(row.gender, columns));
    line[j] = line[j]! + row.count;
  }
  const table: CountTable = {
    rowLabels: keys.map(label),
    columnLabels: columns.map((column) => GENDER_COLUMN_LABELS[column]),
    counts,
  };
  return { ...suppressTable(table, { threshold: k }), columns };
}
