import { EVENT_TYPES } from '@kompetenta/core';
import {
  EVENT_TYPE_LABELS,
  REPORTS,
  chartDataTable,
  renderBarChart,
  type SuppressedTable,
} from '@kompetenta/reporting';
import { html, type Html } from '../pages/layout';
import { PARTICIPANTS_EXPORT } from '../exports/exportRequest';
import type { DashboardData } from './loadDashboard';
import {
  DASHBOARD_TEXT,
  ENGLISH_COLUMN_LABELS,
  type DashboardLang,
  type DashboardText,
} from './dashboardText';
import { dashboardTable } from './dashboardTable';

/** Where the session-authenticated downloads live (the same exports as /api/exports). */
export const DASHBOARD_EXPORT_PATH = '/dashboard/exports';

/** The reports offered for download, beside the per-participant list. */
const DOWNLOADS = [
  'completion-by-course',
  'completion-by-organisation',
  'completion-by-county',
  'completion-by-month',
  'attendance-by-event-type',
  'attendance-by-county',
  'attendance-by-month',
] as const;

const FILTER_KEYS = ['from', 'to', 'course', 'eventType', 'county', 'organisation'] as const;

/** The query string of the current filter (only what was given), for links that keep it. */
export function filterQuery(
  values: Readonly<Record<string, string>>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (values[key]) params.set(key, values[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function translated(table: SuppressedTable, lang: DashboardLang): SuppressedTable {
  if (lang === 'sv') return table;
  const label = (text: string) => ENGLISH_COLUMN_LABELS[text] ?? text;
  return { ...table, columnLabels: table.columnLabels.map(label), rowLabels: table.rowLabels.map(label) };
}

function dataTable(table: SuppressedTable, caption: string, heading: string, text: DashboardText): Html {
  // chartDataTable writes the total's heading in Swedish; the English page names it in English.
  const markup = chartDataTable(table, { caption, groupHeading: heading }).replaceAll(
    '>Totalt</th>',
    `>${text.total}</th>`,
  );
  return { html: markup };
}

function select(
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  chosen: string | undefined,
  text: DashboardText,
): Html {
  const items = options.map(
    ([value, name]) =>
      html`<option value="${value}" ${value === chosen ? { html: 'selected' } : html``}>${name}</option>`,
  );
  return html`<p>
    <label for="filter-${name}">${label}</label>
    <select id="filter-${name}" name="${name}">
      <option value="">${text.all}</option>
      ${items}
    </select>
  </p>`;
}

function filterForm(base: string, data: DashboardData, lang: DashboardLang, text: DashboardText): Html {
  const v = data.values;
  const organisations =
    data.organisations.length > 1
      ? select(
          'organisation',
          text.organisation,
          data.organisations.map((o) => [o.id, o.name] as const),
          v.organisation,
          text,
        )
      : html``;
  const problems =
    data.problems.length > 0
      ? html`<div class="problem" role="alert" aria-labelledby="filter-problems">
          <h2 id="filter-problems">${text.problems}</h2>
          <ul>
            ${data.problems.map((problem) => html`<li>${problem}</li>`)}
          </ul>
        </div>`
      : html``;
  return html`<section aria-labelledby="filters-heading">
    <h2 id="filters-heading">${text.filters}</h2>
    ${problems}
    <form method="get" action="${base}/dashboard">
      <input type="hidden" name="lang" value="${lang}" />
      <p>
        <label for="filter-from">${text.from}</label>
        <input id="filter-from" name="from" type="date" value="${v.from ?? ''}" />
      </p>
      <p>
        <label for="filter-to">${text.to}</label>
        <input id="filter-to" name="to" type="date" value="${v.to ?? ''}" />
      </p>
      ${select(
        'course',
        text.course,
        data.courses.map((c) => [c.slug, c.title] as const),
        v.course,
        text,
      )}
      ${select(
        'eventType',
        text.eventType,
        EVENT_TYPES.map((t) => [t, EVENT_TYPE_LABELS[t]] as const),
        v.eventType,
        text,
      )}
      ${select(
        'county',
        text.county,
        data.counties.map((c) => [c.code, c.name] as const),
        v.county,
        text,
      )}
      ${organisations}
      <p><button type="submit">${text.show}</button></p>
    </form>
  </section>`;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

function targets(data: DashboardData, lang: DashboardLang, text: DashboardText): Html {
  const items = data.targets.map((progress, i) => {
    const share = progress.target.metric.kind === 'womenShare';
    const shown = (value: number) => (share ? percent(value) : String(value));
    const id = `target-${i}`;
    const status =
      progress.value === null
        ? (progress.note ?? text.notMeasured)
        : progress.target.goal === null
          ? shown(progress.value)
          : text.targetOf(shown(progress.value), shown(progress.target.goal));
    const bar =
      progress.ratio === null
        ? html``
        : html`<progress
            id="${id}-bar"
            max="100"
            value="${Math.round(progress.ratio * 100)}"
            aria-labelledby="${id}-label"
            aria-describedby="${id}-status"
          >
            ${percent(progress.ratio)}
          </progress>`;
    return html`<li>
      <span id="${id}-label" class="target-label">${progress.target.label[lang]}</span>
      ${bar}
      <span id="${id}-status"
        >${status}${progress.ratio === null ? '' : ` (${percent(progress.ratio)})`}</span
      >
    </li>`;
  });
  return html`<section aria-labelledby="targets-heading">
    <h2 id="targets-heading">${data.scopeName === null ? text.targets : text.targetsOrg}</h2>
    <ul class="targets">
      ${items}
    </ul>
  </section>`;
}

function charts(data: DashboardData, lang: DashboardLang, text: DashboardText): Html {
  const sections = data.charts.map((chart) => {
    const heading = text[chart.text];
    const table = translated(chart.table, lang);
    const body =
      table.rowLabels.length === 0
        ? html`<p>${text.noData}</p>`
        : html`<figure>
              ${{ html: renderBarChart(table, { id: `chart-${chart.report}`, title: heading, description: text.chartDescription }) }}
            </figure>
            ${dataTable(table, heading, lang === 'sv' ? chart.heading : chart.heading === 'Månad' ? text.month : chart.heading, text)}`;
    return html`<section aria-labelledby="h-${chart.report}">
      <h2 id="h-${chart.report}">${heading}</h2>
      ${body}
    </section>`;
  });
  return html`${sections}
    <p>${text.suppressed.replace('{k}', String(data.threshold))}</p>`;
}

function downloads(base: string, data: DashboardData, text: DashboardText): Html {
  const rows = [...DOWNLOADS, PARTICIPANTS_EXPORT].map((report) => {
    const name = report === PARTICIPANTS_EXPORT ? text.participants : (REPORTS[report]?.title ?? report);
    const link = (format: string, label: string, extra: Record<string, string> = {}) =>
      html`<a
        href="${base}${DASHBOARD_EXPORT_PATH}/${report}.${format}${filterQuery(data.values, extra)}"
        download
        >${label}<span class="visually-hidden">: ${name}</span></a
      >`;
    return html`<tr>
      <th scope="row">${name}</th>
      <td>${link('csv', text.csv)}</td>
      <td>${link('csv', text.csvSemicolon, { separator: 'semicolon' })}</td>
      <td>${link('xlsx', text.xlsx)}</td>
    </tr>`;
  });
  return html`<section aria-labelledby="downloads-heading">
    <h2 id="downloads-heading">${text.downloads}</h2>
    <p>${text.downloadsIntro}</p>
    ${dashboardTable({ columns: [text.report, text.csv, text.csvSemicolon, text.xlsx], rows })}
  </section>`;
}

/**
 * The dashboard's main content (the page shell adds header, language and sign-out). `base`: the
 * path Kompetenta is served under (`basePath(res)`); every link starts with it.
 */
export function renderDashboard(base: string, data: DashboardData, lang: DashboardLang): Html {
  const text = DASHBOARD_TEXT[lang];
  const scope = data.scopeName === null ? text.scopeAll : text.scopeOrg(data.scopeName);
  return html`<p>${scope}</p>
    <p><a href="${base}/dashboard/events${lang === 'en' ? '?lang=en' : ''}">${text.eventsLink}</a></p>
    ${filterForm(base, data, lang, text)} ${targets(data, lang, text)} ${charts(data, lang, text)}
    ${downloads(base, data, text)}`;
}
