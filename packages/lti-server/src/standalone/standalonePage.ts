import { html, layoutPage, type Html } from '../pages/layout';
import { csrfField } from '../http/csrf';
import type { Principal } from '../session/sessionContext';

/** Who is signed in and the CSRF token for the sign-out button, when someone is. */
export interface PageSession {
  readonly principal: Principal | null;
  readonly csrf: string;
  /** The path Kompetenta is served under (`basePath(res)`): every link of the frame starts with it. */
  readonly base: string;
  /** `/org/events` is served (`servesOrgEvents(res)`): the menu of admins and staff links to it. */
  readonly orgEvents?: boolean;
}

const EXTRA_STYLE =
  'nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}' +
  'button,.button{font:inherit;padding:.5rem 1rem;border:2px solid #0b5394;background:#0b5394;color:#fff;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block}' +
  'button.secondary{background:#fff;color:#0b5394}label{display:block;font-weight:600;margin-top:1rem}' +
  'input[type=email],input[type=text],textarea{font:inherit;width:100%;max-width:32rem;padding:.4rem;border:2px solid #555;border-radius:4px}' +
  '.notice{border-left:6px solid #0b5394;padding:.5rem 1rem;background:#eef4fb}.problem{border-left:6px solid #a00;padding:.5rem 1rem;background:#fdeeee}';

/** The navigation a signed-in person gets, by access level (and what the app serves). */
function navigation(principal: Principal, session: PageSession): Html {
  const { base } = session;
  const links: Html[] = [html`<li><a href="${base}/courses">Kurser</a></li>`];
  if (principal.access !== 'learner') {
    links.push(html`<li><a href="${base}/org">Bjud in och se framsteg</a></li>`);
    if (session.orgEvents)
      links.push(html`<li><a href="${base}/org/events">Bjud in till en aktivitet</a></li>`);
    links.push(html`<li><a href="${base}/dashboard">Statistik</a></li>`);
  }
  return html`<nav aria-label="Huvudmeny">
    <ul>
      ${links}
    </ul>
  </nav>`;
}

/**
 * A whole first-party page in Swedish (the one layout of pages/layout.ts): for a signed-in person
 * their name, the menu and a sign-out button (a POST with a CSRF token, never a GET link).
 */
export function standalonePage(
  title: string,
  heading: string,
  main: Html,
  session: PageSession,
  pageStyle = '',
): string {
  const header = session.principal
    ? html`${navigation(session.principal, session)}
        <form method="post" action="${session.base}/signout">
          ${csrfField(session.csrf)}
          <p>
            Inloggad som ${session.principal.name ?? 'okänd'}
            <button type="submit" class="secondary">Logga ut</button>
          </p>
        </form>`
    : undefined;
  return layoutPage({
    lang: 'sv',
    title,
    heading,
    main,
    style: EXTRA_STYLE + pageStyle,
    ...(header ? { header } : {}),
  });
}
