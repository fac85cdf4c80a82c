import { GENDERS, PARTICIPANT_ROLES } from '@kompetenta/core';
import { csrfField } from '../http/csrf';
import { html, STYLE, type Html } from '../pages/layout';
import { CHECKIN_FIELDS, type CheckinField, type CheckinValues } from './checkinForm';
import {
  CHECKIN_TEXT,
  GENDER_TEXT,
  ROLE_TEXT,
  type CheckinLanguage,
  type CheckinProblem,
} from './checkinText';

const FORM_STYLE =
  'label,legend{display:block;font-weight:600;margin-top:1rem}fieldset{border:0;padding:0;margin:1rem 0 0}' +
  'input[type=text],input[type=email]{font:inherit;width:100%;max-width:32rem;box-sizing:border-box;padding:.5rem;border:2px solid #555;border-radius:4px}' +
  '.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}.choice label{font-weight:400;margin:0}' +
  'input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem;margin:.15rem 0 0;flex:none}' +
  '.hint{color:#444;margin:.25rem 0}.error{color:#a00;font-weight:600;margin:.25rem 0}' +
  '[aria-invalid=true]{border-color:#a00!important}.summary{border:4px solid #a00;padding:.5rem 1rem;margin:1rem 0}' +
  'button{font:inherit;margin-top:1.5rem;padding:.7rem 1.5rem;border:2px solid #0b5394;background:#0b5394;color:#fff;border-radius:4px;cursor:pointer}' +
  'input:focus,button:focus{outline:3px solid #0b5394;outline-offset:2px}' +
  '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

/** A whole check-in page in the chosen language: landmarks, one h1, readable without CSS, no script. */
export function checkinDocument(
  language: CheckinLanguage,
  title: string,
  main: Html,
  heading = title,
): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – Kompetenta</title>
        <style>
          ${{ html: STYLE + FORM_STYLE }}
        </style>
      </head>
      <body>
        <header><p>Kompetenta</p></header>
        <main id="innehall">
          <h1>${heading}</h1>
          ${main}
        </main>
      </body>
    </html>`.html;
}

type Problems = Partial<Record<CheckinField, CheckinProblem>>;

/** The id a field's error summary link points at: the input itself, or a group's first choice. */
function targetId(field: CheckinField): string {
  if (field === 'role') return `role-${PARTICIPANT_ROLES[0]}`;
  if (field === 'gender') return 'gender-unset';
  return field;
}

function describedBy(field: CheckinField, problems: Problems, hint: boolean): string {
  return [hint ? `${field}-hint` : '', problems[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
}

function errorLine(language: CheckinLanguage, field: CheckinField, problems: Problems): Html {
  const problem = problems[field];
  if (!problem) return html``;
  const text = CHECKIN_TEXT[language];
  return html`<p class="error" id="${field}-error">
    <span class="visually-hidden">${text.errorPrefix}</span> ${text.errors[problem]}
  </p>`;
}

function textField(
  language: CheckinLanguage,
  field: 'name' | 'email' | 'organisation',
  values: CheckinValues,
  problems: Problems,
): Html {
  const text = CHECKIN_TEXT[language];
  const hint = field === 'email' ? text.emailHint : field === 'organisation' ? text.organisationHint : null;
  const autocomplete = field === 'name' ? 'name' : field === 'email' ? 'email' : 'organization';
  const described = describedBy(field, problems, hint !== null);
  return html`<label for="${field}">${text[field]}</label>
    ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : html``}
    ${errorLine(language, field, problems)}
    <input
      type="${field === 'email' ? 'email' : 'text'}"
      id="${field}"
      name="${field}"
      value="${values[field]}"
      autocomplete="${autocomplete}"
      required
      ${{ html: described ? `aria-describedby="${described}"` : '' }}
      ${{ html: problems[field] ? 'aria-invalid="true"' : '' }}
    />`;
}

function choice(name: string, id: string, value: string, label: string, checked: boolean): Html {
  return html`<div class="choice">
    <input type="radio" id="${id}" name="${name}" value="${value}" ${{ html: checked ? 'checked' : '' }} />
    <label for="${id}">${label}</label>
  </div>`;
}

/** The form, with what the person typed and every problem next to its field and in a summary. */
export function checkinFormPage(input: {
  readonly language: CheckinLanguage;
  readonly action: string;
  readonly eventTitle: string;
  readonly csrf: string;
  readonly values: CheckinValues;
  readonly problems: Problems;
}): string {
  const { language, values, problems } = input;
  const text = CHECKIN_TEXT[language];
  const listed = CHECKIN_FIELDS.filter((field) => problems[field]);
  const summary =
    listed.length === 0
      ? html``
      : html`<div class="summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">${text.errorSummary}</h2>
          <ul>
            ${listed.map((field) => html`<li><a href="#${targetId(field)}">${text.errors[problems[field]!]}</a></li>`)}
          </ul>
        </div>`;
  const other: CheckinLanguage = language === 'sv' ? 'en' : 'sv';
  const roleDescribed = describedBy('role', problems, false);
  const genderDescribed = describedBy('gender', problems, true);
  const main = html`<p>
      <a href="${input.action}?lang=${other}" lang="${other}" hreflang="${other}">${text.other}</a>
    </p>
    <p><strong>${input.eventTitle}</strong></p>
    <p>${text.intro}</p>
    ${summary}
    <form method="post" action="${input.action}" novalidate>
      ${csrfField(input.csrf)}
      <input type="hidden" name="lang" value="${language}" />
      ${textField(language, 'name', values, problems)} ${textField(language, 'email', values, problems)}
      ${textField(language, 'organisation', values, problems)}
      <fieldset ${{ html: roleDescribed ? `aria-describedby="${roleDescribed}"` : '' }}>
        <legend>${text.role}</legend>
        ${errorLine(language, 'role', problems)}
        ${PARTICIPANT_ROLES.map((role) =>
          choice('role', `role-${role}`, role, ROLE_TEXT[language][role], values.role === role),
        )}
      </fieldset>
      <fieldset aria-describedby="${genderDescribed}">
        <legend>${text.gender}</legend>
        <p class="hint" id="gender-hint">${text.genderHint}</p>
        ${errorLine(language, 'gender', problems)}
        ${choice('gender', 'gender-unset', '', text.genderUnset, values.gender === '')}
        ${GENDERS.map((gender) =>
          choice(
            'gender',
            `gender-${gender}`,
            gender,
            GENDER_TEXT[language][gender],
            values.gender === gender,
          ),
        )}
      </fieldset>
      <h2>${text.consentHeading}</h2>
      <p id="consent-hint">${text.consentText}</p>
      ${errorLine(language, 'consent', problems)}
      <div class="choice">
        <input
          type="checkbox"
          id="consent"
          name="consent"
          value="yes"
          ${{ html: values.consent === 'yes' ? 'checked' : '' }}
          aria-describedby="${describedBy('consent', problems, true)}"
          ${{ html: problems.consent ? 'aria-invalid="true"' : '' }}
        />
        <label for="consent">${text.consent}</label>
      </div>
      <button type="submit">${text.submit}</button>
    </form>`;
  const title = listed.length > 0 ? `${text.errorPrefix} ${text.title}` : text.title;
  return checkinDocument(language, title, main, text.title);
}

/** The confirmation after a check-in (also when the person was already checked in). */
export function checkinDonePage(language: CheckinLanguage, eventTitle: string, already: boolean): string {
  const text = CHECKIN_TEXT[language];
  return checkinDocument(
    language,
    text.doneTitle,
    html`<p><strong>${eventTitle}</strong></p>
      <p role="status">${already ? text.doneAgain : text.doneText}</p>`,
  );
}
