import type { CmiData, ScormVersion } from '@kompetenta/core';
import {
  playerElementIds as ids,
  playerScriptPath,
  playerTexts,
  progressFromCmi,
} from '@kompetenta/scorm-player';
import { html } from './layout';

/**
 * What the player page needs (the player contract's page config). It is embedded as JSON for the
 * `@kompetenta/scorm-player` bundle, which checks it with `parsePlayerConfig`.
 */
export interface PlayerPageConfig {
  readonly lang: 'sv' | 'en';
  /** The attempt's SCORM version; the bundle creates `API` (1.2) or `API_1484_11` (2004). */
  readonly scormVersion: ScormVersion;
  readonly attemptId: string;
  /** Same-origin URL of the SCO, e.g. `/content/handledare/1.2.0/2004/index.html`. */
  readonly contentUrl: string;
  /** `/api/attempts/<id>/commit?token=…` */
  readonly commitUrl: string;
  /** Flattened CMI from scorm-runtime's `initialCmiForLaunch` (dot keys, string/number values). */
  readonly initialCmi: CmiData;
  /** First commit sequence number of this page session (the attempt's commitSeq + 1). */
  readonly nextSeq: number;
  readonly course: {
    readonly title: string;
    readonly lessons: readonly { readonly id: string; readonly title: string; readonly minutes: number }[];
  };
  /** Where "Avsluta" leads when the course is saved; null shows "you can close the window". */
  readonly exitUrl: string | null;
  /** Shown in the frame so the learner sees whose progress is saved; not part of the bundle's config. */
  readonly learnerName?: string | null;
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` as \u escapes, so a course
 * title like `</script><script>…` stays text, and U+2028/2029 escaped for old parsers.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// The course fills the viewport below a compact frame that wraps on a phone (320 px).
const STYLE =
  '*,*::before,*::after{box-sizing:border-box}' +
  'html,body{height:100%;margin:0}' +
  'body{display:flex;flex-direction:column;font-family:system-ui,sans-serif;line-height:1.4;color:#1a1a1a;background:#fff}' +
  '.kp-skip{position:absolute;left:.5rem;top:-4rem;z-index:2;background:#fff;color:#0b5394;padding:.5rem;border:2px solid #0b5394}' +
  '.kp-skip:focus{top:.5rem}' +
  'header{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding:.4rem .75rem;background:#f3f5f8;border-bottom:1px solid #c4c9d0}' +
  'header h1{flex:1 1 12rem;margin:0;font-size:1.05rem}' +
  '.kp-learner{margin:0;font-size:.9rem}' +
  '.kp-progress{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;font-size:.95rem}' +
  '.kp-progress progress{width:7rem;height:.9rem}' +
  '.kp-status{flex-basis:100%;margin:0;font-size:.95rem}.kp-status:empty{display:none}' +
  'button{font:inherit;padding:.35rem 1rem;border:2px solid #0b5394;border-radius:.25rem;background:#0b5394;color:#fff;cursor:pointer}' +
  'button:disabled{background:#fff;color:#0b5394;cursor:default}' +
  'a:focus,button:focus,iframe:focus,main:focus,[tabindex]:focus{outline:3px solid #0b5394;outline-offset:2px}' +
  'main{flex:1 1 auto;display:flex;flex-direction:column;min-height:0}' +
  'main iframe{flex:1 1 auto;width:100%;min-height:20rem;border:0}' +
  '.kp-done{max-width:40rem;margin:2rem auto;padding:0 1rem}' +
  '@media (max-width:30rem){header h1{flex-basis:100%}}';

/**
 * The player page: the course (SCO) in an iframe below an accessible frame with the course title,
 * progress (text and `<progress>`), a polite status line and an exit button. Swedish or English by
 * `lang`. The bundle at /play/assets/player.js reads the embedded config, puts scorm-again's API
 * on the window and only then loads the SCO. `basePath`: the path Kompetenta is served under
 * (`''` at the root), before the bundle's URL.
 */
export function playerPage(config: PlayerPageConfig, basePath = ''): string {
  const t = playerTexts(config.lang);
  const progress = progressFromCmi(config.scormVersion, config.initialCmi, config.course.lessons.length);
  const max = Math.max(1, progress.lessonsTotal);
  const title = config.course.title;
  const { learnerName, ...bundleConfig } = config;
  const learner = learnerName
    ? html`<p class="kp-learner">${config.lang === 'en' ? 'Signed in as' : 'Inloggad som'} ${learnerName}</p>`
    : '';
  return html`<!doctype html>
    <html lang="${config.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title} – Kompetenta</title>
        <style>
          ${{ html: STYLE }}
        </style>
      </head>
      <body>
        <a class="kp-skip" href="#${ids.frame}">${t.skipToCourse}</a>
        <header>
          <h1>${title}</h1>
          ${learner}
          <div class="kp-progress">
            <label for="${ids.progress}">${t.progressLabel}</label>
            <progress
              id="${ids.progress}"
              max="${max}"
              value="${progress.lessonsDone}"
              aria-describedby="${ids.progressText}"
            ></progress>
            <span id="${ids.progressText}">${t.progress(progress)}</span>
          </div>
          <button type="button" id="${ids.exit}">${t.exit}</button>
          <p id="${ids.status}" class="kp-status" role="status" aria-live="polite"></p>
        </header>
        <main id="${ids.main}">
          <noscript><p class="kp-done">${t.noScript}</p></noscript>
          <iframe id="${ids.frame}" title="${t.courseFrameTitle(title)}" allow="fullscreen"></iframe>
          <div id="${ids.done}" class="kp-done" tabindex="-1" hidden>
            <h2>${t.closeWindowHeading}</h2>
            <p>${t.closeWindowText}</p>
          </div>
        </main>
        <script type="application/json" id="${ids.config}">
          ${{ html: scriptSafeJson(bundleConfig) }}
        </script>
        <script src="${basePath}${playerScriptPath}" defer></script>
      </body>
    </html>`.html;
}
