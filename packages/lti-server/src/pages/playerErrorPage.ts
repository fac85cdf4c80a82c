import type { ErrorCode } from '@kompetenta/core';
import { html, page } from './layout';

/** What went wrong opening the player, in plain Swedish. */
function explanation(code: ErrorCode): string {
  switch (code) {
    case 'ATTEMPT_TOKEN_EXPIRED':
      return 'Länken till kursen har gått ut.';
    case 'ATTEMPT_TOKEN_INVALID':
    case 'ATTEMPT_TOKEN_MISMATCH':
      return 'Länken till kursen är inte giltig.';
    case 'ATTEMPT_NOT_FOUND':
      return 'Kursförsöket finns inte.';
    default:
      return 'Något gick fel när kursen skulle öppnas.';
  }
}

/** The accessible page of a player that could not open: what happened and what to do. */
export function playerErrorPage(code: ErrorCode): string {
  const main = html`<p>${explanation(code)}</p>
    <section aria-labelledby="gora-rubrik">
      <h2 id="gora-rubrik">Vad kan jag göra?</h2>
      <p>Gå tillbaka till lärplattformen och öppna kursen igen. Det du har gjort hittills är sparat.</p>
    </section>
    <p>Felkod för support: <span class="code">${code}</span></p>`;
  return page('Kursen kunde inte öppnas', 'Kursen kunde inte öppnas', main);
}
