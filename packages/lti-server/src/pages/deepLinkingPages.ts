import type { CourseChoice } from '../deepLinking/courseChoices';
import { html, page, type Html } from './layout';

/** The languages the picker speaks: English when the launch's locale starts with `en`. */
export type PickerLanguage = 'sv' | 'en';

/** The picker's words in each language. */
export const PICKER_TEXTS = {
  sv: {
    title: 'Välj kurs',
    none: 'Det finns inga kurser att välja än. Kompetentas administratör behöver läsa in kurserna.',
    legendMany: 'Kurser (välj en eller flera)',
    legendOne: 'Kurser (välj en)',
    intro: (where: string) =>
      `Välj vilka kurser som ska läggas till${where ? ` i ${where}` : ''}. Varje kurs får en egen kolumn i betygsboken.`,
    about: (minutes: number, lessons: number) => `(cirka ${minutes} minuter, ${lessons} lektioner)`,
    add: 'Lägg till',
    pickOne: 'Välj minst en kurs.',
    gone: 'En av de valda kurserna finns inte längre. Välj igen.',
    onlyOne: 'Lärplattformen tar emot en kurs i taget. Välj en kurs.',
    sending: 'Skickar till lärplattformen',
    sent: (count: number) => `${count === 1 ? 'Kursen' : `${count} kurser`} skickas till lärplattformen.`,
    continue: 'Fortsätt till lärplattformen',
  },
  en: {
    title: 'Choose a course',
    none: 'There are no courses to choose yet. The Kompetenta administrator needs to load the courses.',
    legendMany: 'Courses (choose one or more)',
    legendOne: 'Courses (choose one)',
    intro: (where: string) =>
      `Choose the courses to add${where ? ` to ${where}` : ''}. Each course gets its own column in the gradebook.`,
    about: (minutes: number, lessons: number) => `(about ${minutes} minutes, ${lessons} lessons)`,
    add: 'Add',
    pickOne: 'Choose at least one course.',
    gone: 'One of the chosen courses no longer exists. Choose again.',
    onlyOne: 'The learning platform takes one course at a time. Choose one course.',
    sending: 'Sending to the learning platform',
    sent: (count: number) =>
      `${count === 1 ? 'The course is' : `${count} courses are`} being sent to the learning platform.`,
    continue: 'Continue to the learning platform',
  },
} as const;

/** `launch_presentation.locale` → the picker's language (Swedish unless the locale is English). */
export function pickerLanguage(locale: string | null | undefined): PickerLanguage {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** What the picker form needs: where it posts, its single-use token, and how many may be picked. */
export interface PickerForm {
  readonly action: string;
  readonly token: string;
  readonly acceptMultiple: boolean;
  readonly contextTitle: string | null;
  readonly lang: PickerLanguage;
  /** Shown (as an alert) when the picker is shown again after a rejected submission. */
  readonly problem?: string;
}

function choice(course: CourseChoice, type: 'checkbox' | 'radio', lang: PickerLanguage): Html {
  const id = `kurs-${course.slug}`;
  return html`<li>
    <input type="${type}" id="${id}" name="course" value="${course.slug}" aria-describedby="${id}-info" />
    <label for="${id}">${course.title}</label>
    <span id="${id}-info">${PICKER_TEXTS[lang].about(course.minutes, course.lessons)}</span>
  </li>`;
}

/**
 * The Deep Linking picker: one labelled checkbox per course (radio buttons when the platform takes
 * one item), inside a fieldset with a legend, posting the single-use token (and its language)
 * back.
 */
export function pickerPage(courses: readonly CourseChoice[], form: PickerForm): string {
  const texts = PICKER_TEXTS[form.lang];
  const alert = form.problem ? html`<p role="alert"><strong>${form.problem}</strong></p>` : html``;
  if (courses.length === 0) {
    return page(texts.title, texts.title, html`<p>${texts.none}</p>`, undefined, form.lang);
  }
  const type = form.acceptMultiple ? 'checkbox' : 'radio';
  const main = html`${alert}
    <p>${texts.intro(form.contextTitle ?? '')}</p>
    <form method="post" action="${form.action}">
      <input type="hidden" name="token" value="${form.token}" />
      <input type="hidden" name="lang" value="${form.lang}" />
      <fieldset>
        <legend>${form.acceptMultiple ? texts.legendMany : texts.legendOne}</legend>
        <ul>
          ${courses.map((course) => choice(course, type, form.lang))}
        </ul>
      </fieldset>
      <button type="submit">${texts.add}</button>
    </form>`;
  return page(texts.title, texts.title, main, undefined, form.lang);
}

/**
 * The response to the platform: a form that posts the signed `JWT` to `deep_link_return_url`,
 * submitted at once by the auto-submit script (a file: the CSP allows no inline script), and by
 * the button when script is off.
 */
export function deepLinkReturnPage(
  returnUrl: string,
  jwt: string,
  count: number,
  lang: PickerLanguage,
  autoSubmitScriptUrl: string,
): string {
  const texts = PICKER_TEXTS[lang];
  const main = html`<p>${texts.sent(count)}</p>
    <form id="tillbaka" method="post" action="${returnUrl}" data-auto-submit>
      <input type="hidden" name="JWT" value="${jwt}" />
      <button type="submit">${texts.continue}</button>
    </form>
    <script src="${autoSubmitScriptUrl}"></script>`;
  return page(texts.sending, texts.sending, main, undefined, lang);
}
