import type { Attempt, CourseVersion, Person } from '@kompetenta/core';
import { html, page, type Html } from './layout';

/** The learner's status in Swedish, from their latest attempt (or none). */
export function statusText(attempt: Attempt | null): string {
  if (!attempt || attempt.completionStatus === 'not_attempted') return 'Inte påbörjad';
  if (attempt.successStatus === 'passed') return 'Godkänd';
  if (attempt.successStatus === 'failed') return 'Inte godkänd än';
  if (attempt.completionStatus === 'completed') return 'Slutförd';
  return 'Påbörjad';
}

function lessonList(course: CourseVersion): Html {
  const items = course.outline.lessons.map(
    (lesson) => html`<li>${lesson.title} (cirka ${lesson.minutes} minuter)</li>`,
  );
  return html`<h2>Lektioner</h2>
    <ol>
      ${items}
    </ol>`;
}

/** The learner's landing page: the course, its lessons and their status. The player comes later. */
export function learnerCoursePage(person: Person, course: CourseVersion, attempt: Attempt | null): string {
  const name = person.name ?? 'deltagare';
  const main = html`<p>Välkommen, ${name}!</p>
    <section aria-labelledby="status-rubrik">
      <h2 id="status-rubrik">Din status</h2>
      <p>${statusText(attempt)}</p>
    </section>
    ${lessonList(course)}`;
  return page(course.outline.title, course.outline.title, main, name);
}

/** One learner in the staff overview: their attempts at the course, oldest first (none: not started). */
export interface OverviewRow {
  readonly name: string | null;
  readonly attempts: readonly Attempt[];
}

function scoreText(attempt: Attempt | undefined): string {
  if (!attempt || attempt.scoreScaled === null) return '–';
  return `${Math.round(Math.max(0, attempt.scoreScaled) * 100)} %`;
}

function timeText(attempts: readonly Attempt[]): string {
  const seconds = attempts.reduce((sum, attempt) => sum + attempt.totalTimeSeconds, 0);
  if (attempts.length === 0) return '–';
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: 'Europe/Stockholm' });

function overviewTable(rows: readonly OverviewRow[]): Html {
  return html`<table>
    <caption>
      Deltagare, försök och status
    </caption>
    <thead>
      <tr>
        <th scope="col">Namn</th>
        <th scope="col">Status</th>
        <th scope="col">Poäng</th>
        <th scope="col">Tid</th>
        <th scope="col">Försök</th>
        <th scope="col">Senast aktiv</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((row) => {
        const latest = row.attempts[row.attempts.length - 1];
        return html`<tr>
          <td>${row.name ?? 'Namn saknas'}</td>
          <td>${statusText(latest ?? null)}</td>
          <td>${scoreText(latest)}</td>
          <td>${timeText(row.attempts)}</td>
          <td>${row.attempts.length}</td>
          <td>${latest ? dateFormat.format(latest.lastActivityAt) : '–'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/**
 * Staff's landing page: every learner's attempts, status, score and time in this organisation,
 * including (from the Names and Roles roster) those who have not started.
 */
export function courseOverviewPage(
  person: Person,
  course: CourseVersion,
  rows: readonly OverviewRow[],
  roster: { readonly rosterUsed: boolean; readonly rosterFailed: boolean } = {
    rosterUsed: false,
    rosterFailed: false,
  },
  /** A single-use link to the organisation's statistics, opened in a new first-party window. */
  statisticsUrl: string | null = null,
): string {
  const name = person.name ?? 'lärare';
  const started = rows.filter((row) => row.attempts.length > 0).length;
  const notice = roster.rosterFailed
    ? html`<p role="status">
        Deltagarlistan från lärplattformen kunde inte hämtas just nu. Tabellen visar bara de som har öppnat
        kursen. Försök igen senare.
      </p>`
    : roster.rosterUsed
      ? html`<p>Listan kommer från lärplattformen och visar även de som inte har börjat.</p>`
      : html``;
  const body =
    rows.length === 0
      ? html`<p>Ingen deltagare har öppnat kursen än.</p>`
      : html`<p>${started} av ${rows.length} deltagare har börjat.</p>
          ${overviewTable(rows)}`;
  const main = html`<p>
      Hej ${name}! Här ser du hur det går för deltagarna i kursen ${course.outline.title}.
    </p>
    <section aria-labelledby="deltagare-rubrik">
      <h2 id="deltagare-rubrik">Deltagare</h2>
      ${notice} ${body}
    </section>
    ${
      statisticsUrl
        ? html`<p>
            <a href="${statisticsUrl}" target="_blank" rel="noopener"
              >Öppna organisationens sidor i Kompetenta: statistik och inbjudningar (nytt fönster)</a
            >
          </p>`
        : html``
    }
    ${lessonList(course)}`;
  return page(`Kursöversikt: ${course.outline.title}`, `Kursöversikt: ${course.outline.title}`, main, name);
}
