import type { SuppressedTable } from '../suppression/suppressTable';
import { SUPPRESSED_MARK } from '../export/tableRows';
import { escapeXml } from './escapeXml';

/**
 * Series colours: each has at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1 for
 * graphics), and each series also has its own pattern and a printed value, so colour is never the
 * only carrier of meaning.
 */
export const SERIES_STYLES = [
  { fill: '#1f4e79', pattern: 'solid' },
  { fill: '#a34700', pattern: 'stripes' },
  { fill: '#2e6b30', pattern: 'dots' },
  { fill: '#555555', pattern: 'cross' },
  { fill: '#6a1b9a', pattern: 'solid' },
] as const;

/**
 * Options of {@link renderBarChart}: `id` prefixes the SVG's element ids (unique per page; characters
 * other than letters, digits, `_` and `-` become `-`), `title` is the chart's accessible name.
 */
export interface BarChartOptions {
  readonly id: string;
  readonly title: string;
  /** A sentence on what the chart shows; the data table carries the numbers too. */
  readonly description: string;
}

const ROW_GAP = 14;
const BAR = 16;
const LABEL_WIDTH = 180;
const PLOT_WIDTH = 360;

function patternDefs(id: string): string {
  return SERIES_STYLES.map((style, s) => {
    const pid = `${id}-p${s}`;
    const mark =
      style.pattern === 'stripes'
        ? `<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.5"/>`
        : style.pattern === 'dots'
          ? `<circle cx="3" cy="3" r="1.2" fill="#fff"/>`
          : style.pattern === 'cross'
            ? `<path d="M0,0 L6,6 M6,0 L0,6" stroke="#fff" stroke-width="1"/>`
            : '';
    return `<pattern id="${pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${style.fill}"/>${mark}</pattern>`;
  }).join('');
}

/**
 * A grouped horizontal bar chart of a suppressed gender table as an SVG string: one group per
 * row, one bar per column, the value printed after each bar (".." where suppressed, with no bar).
 * `role="img"` with `<title>` and `<desc>` names it for screen readers; pair it with
 * `chartDataTable` for the numbers.
 */
export function renderBarChart(table: SuppressedTable, options: BarChartOptions): string {
  const id = options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const series = table.columnLabels.length;
  const groupHeight = series * BAR + ROW_GAP;
  const legendHeight = 24;
  const height = legendHeight + table.rowLabels.length * groupHeight + 10;
  const width = LABEL_WIDTH + PLOT_WIDTH + 60;
  const max = Math.max(1, ...table.cells.flat().map((cell) => cell.value ?? 0));
  const legend = table.columnLabels
    .map((label, s) => {
      const x = s * 120;
      return `<rect x="${x}" y="4" width="14" height="14" fill="url(#${id}-p${s % SERIES_STYLES.length})" stroke="#000"/><text x="${x + 18}" y="16" font-size="12">${escapeXml(label)}</text>`;
    })
    .join('');
  const groups = table.rowLabels
    .map((label, i) => {
      const top = legendHeight + i * groupHeight;
      const bars = table.cells[i]!.map((cell, s) => {
        const y = top + s * BAR;
        const w = cell.value === null ? 0 : Math.round((cell.value / max) * PLOT_WIDTH);
        const text = cell.value === null ? SUPPRESSED_MARK : String(cell.value);
        const bar =
          w > 0
            ? `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR - 2}" fill="url(#${id}-p${s % SERIES_STYLES.length})"/>`
            : '';
        return `${bar}<text x="${LABEL_WIDTH + w + 4}" y="${y + BAR - 4}" font-size="11">${text}</text>`;
      }).join('');
      return `<g><text x="${LABEL_WIDTH - 6}" y="${top + (series * BAR) / 2 + 4}" font-size="12" text-anchor="end">${escapeXml(label)}</text>${bars}</g>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" fill="#000">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    `<defs>${patternDefs(id)}</defs>`,
    `<g aria-hidden="true">${legend}${groups}</g>`,
    `</svg>`,
  ].join('');
}

/** The same numbers as an HTML table: the text alternative every chart is shown with. */
export function chartDataTable(
  table: SuppressedTable,
  options: { caption: string; groupHeading: string },
): string {
  const cell = (value: number | null) =>
    value === null ? `<td>${SUPPRESSED_MARK}</td>` : `<td>${value}</td>`;
  const head = [options.groupHeading, ...table.columnLabels, 'Totalt']
    .map((label) => `<th scope="col">${escapeXml(label)}</th>`)
    .join('');
  const body = table.cells
    .map(
      (row, i) =>
        `<tr><th scope="row">${escapeXml(table.rowLabels[i]!)}</th>${row.map((c) => cell(c.value)).join('')}${cell(table.rowTotals[i]!.value)}</tr>`,
    )
    .join('');
  const foot = `<tr><th scope="row">Totalt</th>${table.columnTotals.map((c) => cell(c.value)).join('')}${cell(table.grandTotal.value)}</tr>`;
  return `<table><caption>${escapeXml(options.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table>`;
}
