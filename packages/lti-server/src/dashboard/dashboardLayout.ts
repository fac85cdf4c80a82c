import type { Request } from 'express';
import { csrfField } from '../http/csrf';
import { html, layoutPage, type Html } from '../pages/layout';
import { DASHBOARD_TEXT, type DashboardLang } from './dashboardText';
import { OUTBOX_TEXT } from './outbox/outboxText';

const EXTRA_STYLE =
  'body{max-width:60rem}label{display:block;font-weight:600;margin-top:.5rem}' +
  'input,select,button{font:inherit;padding:.4rem}select,input{border:2px solid #555;border-radius:4px}' +
  'button{border:2px solid #0b5394;background:#0b5394;color:#fff;border-radius:4px;cursor:pointer}' +
  'button.secondary{background:#fff;color:#0b5394}form p{margin:.3rem 0}' +
  '.targets{list-style:none;padding:0}.targets li{margin:.6rem 0}.target-label{display:block;font-weight:600}' +
  'progress{width:100%;max-width:24rem;height:1.2rem;display:block}figure{margin:1rem 0;overflow-x:auto}' +
  'caption{text-align:left;font-weight:600}.problem{border-left:6px solid #a00;padding:.5rem 1rem;background:#fdeeee}' +
  '.notice{border-left:6px solid #0b5394;padding:.5rem 1rem;background:#eef4fb}' +
  '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

/** Who is signed in, for the header's sign-out form. */
export interface DashboardSession {
  readonly name: string | null;
  readonly csrf: string;
  /** The path Kompetenta is served under (`basePath(res)`): every link of the frame starts with it. */
  readonly base: string;
  /** Outbox messages that failed for good and the viewer may see; shown in the navigation when > 0. */
  readonly failedMessages?: number;
  /** `/org/events` is served (`servesOrgEvents(res)`): the menu links to it. */
  readonly orgEvents?: boolean;
}

/**
 * A whole dashboard page in Swedish or English (the one layout of pages/layout.ts) with the
 * dashboard's menu, a link to the other language (same address, other `lang`) and sign-out.
 */
export function dashboardPage(
  lang: DashboardLang,
  title: string,
  main: Html,
  session: DashboardSession,
  otherLanguageHref: string,
): string {
  const text = DASHBOARD_TEXT[lang];
  const header = html`<nav aria-label="${lang === 'sv' ? 'Översikt' : 'Dashboard'}">
      <ul>
        <li><a href="${session.base}/dashboard${lang === 'en' ? '?lang=en' : ''}">${text.title}</a></li>
        <li>
          <a href="${session.base}/dashboard/events${lang === 'en' ? '?lang=en' : ''}">${text.events}</a>
        </li>
        <li>
          <a href="${session.base}/dashboard/outbox${lang === 'en' ? '?lang=en' : ''}"
            >${OUTBOX_TEXT[lang].title}${session.failedMessages ? ` (${session.failedMessages})` : ''}</a
          >
        </li>
        ${
          session.orgEvents
            ? html`<li>
                <a href="${session.base}/org/events" ${lang === 'en' ? html` hreflang="sv"` : html``}
                  >${text.inviteToEvent}</a
                >
              </li>`
            : html``
        }
        <li>
          <a href="${otherLanguageHref}" lang="${lang === 'sv' ? 'en' : 'sv'}">${text.otherLanguage}</a>
        </li>
      </ul>
    </nav>
    <form method="post" action="${session.base}/signout">
      ${csrfField(session.csrf)}
      <p>
        ${lang === 'sv' ? 'Inloggad som' : 'Signed in as'} ${session.name ?? '–'}
        <button type="submit" class="secondary">${lang === 'sv' ? 'Logga ut' : 'Sign out'}</button>
      </p>
    </form>`;
  return layoutPage({ lang, title, heading: title, main, header, style: EXTRA_STYLE });
}

/** The same address in the other language. */
export function otherLanguageHref(req: Request, lang: DashboardLang): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query))
    if (typeof value === 'string' && key !== 'lang') params.set(key, value);
  if (lang === 'sv') params.set('lang', 'en');
  const query = params.toString();
  return `${req.baseUrl}${req.path}${query ? `?${query}` : ''}`;
}
