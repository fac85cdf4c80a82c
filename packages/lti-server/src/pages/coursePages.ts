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

/** Staff's landing page: who has started and completed the course in this organisation. */
export function courseOverviewPage(
  person: Person,
  course: CourseVersion,
  rows: readonly { person: Person; attempt: Attempt | null }[],
): string {
  const name = person.name ?? 'lärare';
  const body =
    rows.length === 0
      ? html`<p>Ingen deltagare har öppnat kursen än.</p>`
      : html`<table>
          <caption>
            Deltagare och status
          </caption>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) =>
                html`<tr>
                  <td>${row.person.name ?? 'Namn saknas'}</td>
                  <td>${statusText(row.attempt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  const main = html`<p>
      Hej ${name}! Här ser du hur det går för deltagarna i kursen ${course.outline.title}.
    </p>
    <section aria-labelledby="deltagare-rubrik">
      <h2 id="deltagare-rubrik">Deltagare</h2>
      ${body}
    </section>
    ${lessonList(course)}`;
  return page(`Kursöversikt: ${course.outline.title}`, `Kursöversikt: ${course.outline.title}`, main, name);
}
