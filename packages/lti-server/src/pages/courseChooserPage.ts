import type { Person } from '@kompetenta/core';
import type { CourseChoice } from '../deepLinking/courseChoices';
import { html, page, type Html } from './layout';

/** What the chooser form needs. */
export interface CourseChooserForm {
  readonly action: string;
  readonly token: string;
  readonly person: Person;
  readonly linkTitle: string | null;
  readonly contextTitle: string | null;
  /** Shown as an alert when the form comes back after a submission without a valid choice. */
  readonly problem?: string;
}

function choice(course: CourseChoice): Html {
  const id = `kurs-${course.slug}`;
  return html`<li>
    <input
      type="radio"
      id="${id}"
      name="course"
      value="${course.slug}"
      required
      aria-describedby="${id}-info"
    />
    <label for="${id}">${course.title}</label>
    <span id="${id}-info">(cirka ${course.minutes} minuter, ${course.lessons} lektioner)</span>
  </li>`;
}

/**
 * The teacher's course chooser for a link without a course: labelled radio buttons in a fieldset
 * with a legend, one submit button, the signed token in a hidden field.
 */
export function courseChooserPage(courses: readonly CourseChoice[], form: CourseChooserForm): string {
  const name = form.person.name ?? 'lärare';
  const alert = form.problem ? html`<p role="alert"><strong>${form.problem}</strong></p>` : html``;
  const link = form.linkTitle ? html`länken ${form.linkTitle}` : html`den här länken`;
  const where = form.contextTitle ? html` i ${form.contextTitle}` : html``;
  if (courses.length === 0) {
    const main = html`<p>
      Det finns inga kurser att välja än. Kompetentas administratör behöver läsa in kurserna.
    </p>`;
    return page('Välj kurs', 'Välj kurs', main, name);
  }
  const main = html`${alert}
    <p>
      Ingen kurs är vald för ${link}${where} än. Välj vilken kurs deltagarna ska få när de klickar på länken.
      Tills du har valt ser de ett meddelande om att kursen inte är vald.
    </p>
    <form method="post" action="${form.action}">
      <input type="hidden" name="token" value="${form.token}" />
      <fieldset>
        <legend>Kurser (välj en)</legend>
        <ul>
          ${courses.map(choice)}
        </ul>
      </fieldset>
      <button type="submit">Välj kursen</button>
    </form>`;
  return page('Välj kurs', 'Välj kurs', main, name);
}
