import { html, page } from './layout';

/**
 * Shown inside the LMS's frame when the launch could not be tied to the browser that started the
 * login: no cookie arrived (the browser blocks third-party cookies in frames) and the platform
 * offers no storage. A button opens the course in a new window, where a fresh login starts as a
 * first-party page and the cookie works. Swedish first, English after; the button says that it
 * opens a new window.
 */
export function newWindowPage(
  action: string,
  loginParams: Readonly<Record<string, string>>,
  code: string,
): string {
  const inputs = Object.entries(loginParams).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const main = html`<p>
      Din webbläsare blockerar kakor (cookies) på sidor som visas inuti lärplattformen. Därför kan Kompetenta
      inte logga in dig här. Kursen fungerar i ett eget fönster.
    </p>
    <form method="get" action="${action}" target="_blank">
      ${inputs}
      <button type="submit">Öppna kursen i ett nytt fönster</button>
    </form>
    <p>Knappen öppnar ett nytt fönster. Du kan stänga det när du är klar.</p>
    <section lang="en" aria-labelledby="in-english">
      <h2 id="in-english">In English</h2>
      <p>
        Your browser blocks cookies on pages shown inside the learning platform, so Kompetenta cannot sign you
        in here. Use the button “Öppna kursen i ett nytt fönster” to open the course in a new window.
      </p>
    </section>
    <p>Felkod för administratören: <span class="code">${code}</span></p>`;
  return page('Öppna kursen i ett nytt fönster', 'Öppna kursen i ett nytt fönster', main);
}
