import {
  EVENT_TYPES,
  MUNICIPALITIES,
  COUNTIES,
  type Organisation,
  type ProgrammeEvent,
} from '@kompetenta/core';
import {
  EVENT_TYPE_LABELS,
  describeRosterProblem,
  formatStockholm,
  type RosterImportResult,
  type RosterProblem,
} from '@kompetenta/reporting';
import { csrfField } from '../../http/csrf';
import { html, type Html } from '../../pages/layout';
import type { DashboardLang } from '../dashboardText';
import { EVENT_TEXT } from './eventText';
import { dashboardTable } from '../dashboardTable';

const municipalityName = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

function where(event: ProgrammeEvent): string {
  const kommun = event.municipalityCode ? municipalityName.get(event.municipalityCode) : undefined;
  return [event.place, kommun].filter(Boolean).join(', ');
}

const langQuery = (lang: DashboardLang) => (lang === 'en' ? '?lang=en' : '');

/** The events, newest first, each with its upload link; a notice after a save. */
export function eventListMain(
  base: string,
  events: readonly ProgrammeEvent[],
  lang: DashboardLang,
  notice: string | null,
): Html {
  const t = EVENT_TEXT[lang];
  const rows = events.map(
    (event) =>
      html`<tr>
        <td>${formatStockholm(event.startsAt)}</td>
        <td>${EVENT_TYPE_LABELS[event.type]}</td>
        <th scope="row">${event.title}</th>
        <td>${where(event)}</td>
        <td>${event.hours}</td>
        <td>
          <a href="${base}/dashboard/events/${event.id}/attendance/upload${langQuery(lang)}"
            >${t.upload}<span class="visually-hidden">: ${event.title}</span></a
          >
        </td>
      </tr>`,
  );
  const table =
    events.length === 0
      ? html`<p>${t.noEvents}</p>`
      : dashboardTable({
          caption: t.events,
          columns: [
            t.when,
            t.type,
            t.title,
            t.where,
            t.hours,
            html`<span class="visually-hidden">${t.upload}</span>`,
          ],
          rows,
        });
  return html`${notice ? html`<p class="notice" role="status">${notice}</p>` : html``}
    <p><a href="${base}/dashboard/events/new${langQuery(lang)}">${t.newEvent}</a></p>
    ${table}`;
}

function problemSummary(heading: string, problems: readonly string[]): Html {
  if (problems.length === 0) return html``;
  return html`<div class="problem" role="alert" aria-labelledby="problems-heading" tabindex="-1">
    <h2 id="problems-heading">${heading}</h2>
    <ul>
      ${problems.map((problem) => html`<li>${problem}</li>`)}
    </ul>
  </div>`;
}

/** The create-event form, refilled and with every problem beside its field after a failed save. */
export function eventFormMain(
  base: string,
  lang: DashboardLang,
  csrf: string,
  events: readonly ProgrammeEvent[],
  values: Readonly<Record<string, string>> = {},
  problems: readonly { field: string; message: string }[] = [],
): Html {
  const t = EVENT_TEXT[lang];
  const error = (name: string) => {
    const found = problems.filter((p) => p.field === name);
    return found.length
      ? html`<span id="${name}-error" class="problem">${found.map((p) => p.message).join(' ')}</span>`
      : html``;
  };
  const described = (name: string) =>
    problems.some((p) => p.field === name)
      ? html`aria-describedby="${name}-error" aria-invalid="true"`
      : html``;
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}" ${value === chosen ? html`selected` : html``}>${label}</option>`;
  const input = (name: string, label: string, type: string, required: boolean, extra: Html = html``) =>
    html`<p>
      <label for="event-${name}">${label}</label>
      ${error(name)}
      <input
        id="event-${name}"
        name="${name}"
        type="${type}"
        value="${values[name] ?? ''}"
        ${required ? html`required` : html``}
        ${described(name)}
        ${extra}
      />
    </p>`;
  const municipalities = COUNTIES.map(
    (county) =>
      html`<optgroup label="${county.name}">
        ${MUNICIPALITIES.filter((m) => m.code.startsWith(county.code)).map((m) => option(m.code, m.name, values.municipality))}
      </optgroup>`,
  );
  return html`${problemSummary(
      t.problems,
      problems.map((p) => p.message),
    )}
    <form method="post" action="${base}/dashboard/events${langQuery(lang)}" novalidate>
      ${csrfField(csrf)}
      <p>
        <label for="event-type">${t.type}</label>
        ${error('type')}
        <select id="event-type" name="type" required ${described('type')}>
          <option value="">${t.choose}</option>
          ${EVENT_TYPES.map((type) => option(type, EVENT_TYPE_LABELS[type], values.type))}
        </select>
      </p>
      ${input('title', t.title, 'text', true)} ${input('date', t.date, 'date', true)}
      ${input('time', t.time, 'time', true)}
      ${input('hours', t.hours, 'text', true, html`inputmode="decimal"`)}
      ${input('place', t.place, 'text', false)}
      <p>
        <label for="event-municipality">${t.municipality}</label>
        ${error('municipality')}
        <select id="event-municipality" name="municipality" ${described('municipality')}>
          <option value="">${t.none}</option>
          ${municipalities}
        </select>
      </p>
      ${input('organiser', t.organiser, 'text', false)}
      <p>
        <label for="event-parent">${t.parent}</label>
        ${error('parent')}
        <select id="event-parent" name="parent" ${described('parent')}>
          <option value="">${t.none}</option>
          ${events.map((e) => option(e.id, `${formatStockholm(e.startsAt)} ${e.title}`, values.parent))}
        </select>
      </p>
      <p><button type="submit">${t.save}</button></p>
    </form>`;
}

/** The roster upload form; after an upload, its problems (every row) or what was imported. */
export function uploadMain(
  base: string,
  lang: DashboardLang,
  csrf: string,
  event: ProgrammeEvent,
  organisations: readonly Organisation[],
  outcome: { problems?: readonly RosterProblem[]; fileProblem?: string; result?: RosterImportResult } = {},
): Html {
  const t = EVENT_TEXT[lang];
  const problems = [
    ...(outcome.fileProblem ? [outcome.fileProblem] : []),
    ...(outcome.problems ?? []).map(describeRosterProblem),
  ];
  const result = outcome.result
    ? html`<div class="notice" role="status">
        <p>${t.imported(outcome.result.people, outcome.result.recorded, outcome.result.created)}</p>
        ${outcome.result.genderKept > 0 ? html`<p>${t.genderKept(outcome.result.genderKept)}</p>` : html``}
      </div>`
    : html``;
  const organisationField =
    organisations.length === 1
      ? html`<input type="hidden" name="organisation" value="${organisations[0]!.id}" />
          <p>${t.organisation}: ${organisations[0]!.name}</p>`
      : html`<p>
          <label for="roster-organisation">${t.organisation}</label>
          <select id="roster-organisation" name="organisation" required>
            <option value="">${t.choose}</option>
            ${organisations.map((o) => html`<option value="${o.id}">${o.name}</option>`)}
          </select>
        </p>`;
  return html`${problemSummary(t.rosterProblems, problems)} ${result}
    <p>${formatStockholm(event.startsAt)} · ${EVENT_TYPE_LABELS[event.type]}</p>
    <p id="roster-help">${t.rosterHelp}</p>
    <form
      method="post"
      action="${base}/dashboard/events/${event.id}/attendance/upload${langQuery(lang)}"
      enctype="multipart/form-data"
    >
      ${csrfField(csrf)} ${organisationField}
      <p>
        <label for="roster-file">${t.file}</label>
        <input
          id="roster-file"
          name="file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-describedby="roster-help"
        />
      </p>
      <p><button type="submit">${t.send}</button></p>
    </form>
    <p><a href="${base}/dashboard/events${langQuery(lang)}">${t.back}</a></p>`;
}
