import type { CourseChoice } from '../deepLinking/courseChoices';
import { html, page, type Html } from './layout';

/** What the picker form needs: where it posts, its single-use token, and how many may be picked. */
export interface PickerForm {
  readonly action: string;
  readonly token: string;
  readonly acceptMultiple: boolean;
  readonly contextTitle: string | null;
  /** Shown (as an alert) when the picker is shown again after a rejected submission. */
  readonly problem?: string;
}

function choice(course: CourseChoice, type: 'checkbox' | 'radio'): Html {
  const id = `kurs-${course.slug}`;
  return html`<li>
    <input type="${type}" id="${id}" name="course" value="${course.slug}" aria-describedby="${id}-info" />
    <label for="${id}">${course.title}</label>
    <span id="${id}-info">(cirka ${course.minutes} minuter, ${course.lessons} lektioner)</span>
  </li>`;
}

/**
 * The Deep Linking picker: one labelled checkbox per course (radio buttons when the platform takes
 * one item), inside a fieldset with a legend, posting the single-use token back.
 */
export function pickerPage(courses: readonly CourseChoice[], form: PickerForm): string {
  const where = form.contextTitle ? html` i ${form.contextTitle}` : html``;
  const alert = form.problem ? html`<p role="alert"><strong>${form.problem}</strong></p>` : html``;
  if (courses.length === 0) {
    const main = html`<p>
      Det finns inga kurser att välja än. Kompetentas administratör behöver läsa in kurserna.
    </p>`;
    return page('Välj kurs', 'Välj kurs', main);
  }
  const type = form.acceptMultiple ? 'checkbox' : 'radio';
  const legend = form.acceptMultiple ? 'Kurser (välj en eller flera)' : 'Kurser (välj en)';
  const main = html`${alert}
    <p>Välj vilka kurser som ska läggas till${where}. Varje kurs får en egen kolumn i betygsboken.</p>
    <form method="post" action="${form.action}">
      <input type="hidden" name="token" value="${form.token}" />
      <fieldset>
        <legend>${legend}</legend>
        <ul>
          ${courses.map((course) => choice(course, type))}
        </ul>
      </fieldset>
      <button type="submit">Lägg till</button>
    </form>`;
  return page('Välj kurs', 'Välj kurs', main);
}

/**
 * The response to the platform: a form that posts the signed `JWT` to `deep_link_return_url`,
 * submitted by script at once, and by the button when script is off.
 */
export function deepLinkReturnPage(returnUrl: string, jwt: string, count: number): string {
  const main = html`<p>${count === 1 ? 'Kursen' : `${count} kurser`} skickas till lärplattformen.</p>
    <form id="tillbaka" method="post" action="${returnUrl}">
      <input type="hidden" name="JWT" value="${jwt}" />
      <button type="submit">Fortsätt till lärplattformen</button>
    </form>
    ${{ html: "<script>document.getElementById('tillbaka').submit();</script>" }}`;
  return page('Skickar till lärplattformen', 'Skickar till lärplattformen', main);
}
