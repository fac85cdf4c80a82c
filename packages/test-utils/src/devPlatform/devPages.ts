import { LTI_CLAIMS } from '@kompetenta/core';
import type { JWTPayload } from 'jose';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A course the development platform can launch. */
export interface DevCourse {
  readonly slug: string;
  readonly title: string;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Kompetentas utvecklingsplattform</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
button{font-size:1rem;padding:.4rem .8rem;margin:.2rem 0}a{color:#0b5394}
:focus{outline:3px solid #0b5394;outline-offset:2px}iframe{width:100%;height:40rem;border:2px solid #444}</style>
</head>
<body><header><p>Kompetentas utvecklingsplattform (endast för utveckling)</p></header>
<main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

function courseOptions(courses: readonly DevCourse[]): string {
  return courses
    .map((course) => `<option value="${escapeHtml(course.slug)}">${escapeHtml(course.title)}</option>`)
    .join('');
}

/** The start page: pick a course and how the tool is shown, then launch or deep-link. */
export function devHomePage(base: string, courses: readonly DevCourse[]): string {
  const courseField =
    courses.length === 0
      ? '<p>Inga kurser är inlästa. Kör <code>npx kompetenta build</code> och starta om.</p>'
      : `<p><label for="course">Kurs</label><br><select id="course" name="course">${courseOptions(courses)}</select></p>`;
  return page(
    'Prova Kompetenta utan lärplattform',
    `<p>Den här sidan låtsas vara en lärplattform (LTI 1.3). Den är registrerad och godkänd för
organisationen Demo-organisation. <span lang="en">This page plays an LMS for development.</span></p>
<form method="get" action="${escapeHtml(base)}/start">
${courseField}
<fieldset><legend>Hur verktyget visas</legend>
<p><input type="radio" id="display-window" name="display" value="window" checked>
<label for="display-window">I hela fönstret</label></p>
<p><input type="radio" id="display-frame" name="display" value="frame">
<label for="display-frame">Inbäddat i en ram (som i de flesta lärplattformar)</label></p>
<p><input type="radio" id="display-storage" name="display" value="storage">
<label for="display-storage">Inbäddat i en ram, med plattformslagring (lti_storage_target)</label></p>
</fieldset>
<p><button type="submit" name="as" value="learner">Starta som deltagare</button></p>
<p><button type="submit" name="as" value="teacher">Starta som lärare</button></p>
<p><button type="submit" name="as" value="deeplink">Lägg till kurser (Deep Linking)</button></p>
</form>`,
  );
}

/** The LMS page that shows the tool in a frame; with storage, a storage frame loads first. */
export function devEmbedPage(loginUrl: string, storageFrame: { name: string; src: string } | null): string {
  const tool = `<iframe id="tool" title="Kompetenta" ${storageFrame ? '' : `src="${escapeHtml(loginUrl)}"`}></iframe>`;
  const storage = storageFrame
    ? `<iframe name="${escapeHtml(storageFrame.name)}" id="storage" title="Plattformslagring" hidden></iframe>
<script>
(function () {
  var storage = document.getElementById('storage');
  storage.addEventListener('load', function () { document.getElementById('tool').src = ${JSON.stringify(loginUrl).replace(/</g, '\\u003c')}; });
  storage.src = ${JSON.stringify(storageFrame.src).replace(/</g, '\\u003c')};
})();
</script>`
    : '';
  return page(
    'Kurs i lärplattformen',
    `<p>Verktyget visas i ramen nedan, som i en lärplattform.</p>${tool}${storage}`,
  );
}

/**
 * The platform's storage frame (LTI Client Side postMessages): keeps values per tool origin in
 * memory and answers `lti.put_data`, `lti.get_data` and `lti.capabilities` to whoever asked.
 */
export function devStorageFramePage(): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Plattformslagring</title></head><body>
<script>
(function () {
  var values = new Map();
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.subject !== 'string' || !event.source) return;
    var answer = { subject: data.subject + '.response', message_id: data.message_id };
    var key = event.origin + ' ' + data.key;
    if (data.subject === 'lti.capabilities') {
      answer.supported_messages = [{ subject: 'lti.put_data' }, { subject: 'lti.get_data' }];
    } else if (data.subject === 'lti.put_data') {
      values.set(key, data.value);
      answer.key = data.key;
      answer.value = data.value;
    } else if (data.subject === 'lti.get_data') {
      answer.key = data.key;
      if (values.has(key)) answer.value = values.get(key);
      else answer.error = { code: 'bad_request', message: 'no value for this key' };
    } else {
      return;
    }
    event.source.postMessage(answer, event.origin);
  });
})();
</script></body></html>`;
}

interface ContentItem {
  readonly title?: string;
  readonly custom?: Record<string, string>;
}

/** After a Deep Linking response: the links the tool created, each launchable. */
export function devDeepLinkReturnPage(base: string, payload: JWTPayload): string {
  const items = (payload[LTI_CLAIMS.deepLinkingContentItems] ?? []) as ContentItem[];
  const list = items
    .map((item) => {
      const course = item.custom?.course ?? '';
      const start = (as: string, label: string) =>
        `<form method="get" action="${escapeHtml(base)}/start"><input type="hidden" name="course" value="${escapeHtml(course)}"><input type="hidden" name="display" value="window"><button type="submit" name="as" value="${as}">${label}: ${escapeHtml(item.title ?? course)}</button></form>`;
      return `<li><p>${escapeHtml(item.title ?? course)} (course=${escapeHtml(course)})</p>${start('learner', 'Starta som deltagare')}${start('teacher', 'Starta som lärare')}</li>`;
    })
    .join('');
  return page(
    'Länkar skapade',
    `<p>Kompetenta skickade ${items.length} ${items.length === 1 ? 'länk' : 'länkar'} till plattformen.</p>
<ul>${list}</ul><p><a href="${escapeHtml(base)}/">Tillbaka till start</a></p>`,
  );
}
