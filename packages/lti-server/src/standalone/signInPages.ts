import type { SignInLink } from '@kompetenta/core';
import { csrfField } from '../http/csrf';
import { html, type Html } from '../pages/layout';
import type { Principal } from '../session/sessionContext';
import { standalonePage } from './standalonePage';

/** The sign-in form: one e-mail field, labelled, with the autocomplete hint. */
export function signInFormPage(input: {
  csrf: string;
  base: string;
  principal: Principal | null;
  next: string | null;
  notice?: string;
  problem?: string;
  email?: string;
}): string {
  const notice = input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : html``;
  const problem = input.problem ? html`<p class="problem" id="epost-fel">${input.problem}</p>` : html``;
  const next = input.next ? html`<input type="hidden" name="next" value="${input.next}" />` : html``;
  const described = input.problem ? html` aria-describedby="epost-fel" aria-invalid="true"` : html``;
  const main = html`${notice}
    <p>Skriv din e-postadress, så skickar vi en länk som du loggar in med. Du behöver inget lösenord.</p>
    <form method="post" action="${input.base}/signin" novalidate>
      ${csrfField(input.csrf)} ${next} ${problem}
      <label for="epost">E-postadress</label>
      <input
        id="epost"
        name="email"
        type="email"
        autocomplete="email"
        required
        value="${input.email ?? ''}"
        ${described}
      />
      <p><button type="submit">Skicka inloggningslänk</button></p>
    </form>`;
  return standalonePage('Logga in', 'Logga in', main, {
    principal: input.principal,
    csrf: input.csrf,
    base: input.base,
  });
}

/** The one answer to every valid request, known address or not (no account enumeration). */
export function signInSentPage(csrf: string, principal: Principal | null, base: string): string {
  const main = html`<p class="notice" role="status">
      Om adressen finns hos oss är en inloggningslänk på väg till din e-post.
    </p>
    <p>Länken gäller i 30 minuter och fungerar en gång. Titta också i skräpposten.</p>
    <p>
      Kom det inget? Kontrollera adressen och <a href="${base}/signin">be om en ny länk</a>, eller fråga den
      som bjöd in dig.
    </p>`;
  return standalonePage('Kolla din e-post', 'Kolla din e-post', main, { principal, csrf, base });
}

/**
 * The confirm page of a sign-in link: GET consumes nothing (mail scanners that fetch links do not
 * burn them); the button posts. Someone else signed in on this browser is told what will happen.
 */
export function signInConfirmPage(input: {
  csrf: string;
  base: string;
  principal: Principal | null;
  link: SignInLink;
  personName: string | null;
  organisationName: string;
  action: string;
}): string {
  const other: Html =
    input.principal && input.principal.personId !== input.link.personId
      ? html`<p class="notice">
          Du är inloggad som ${input.principal.name ?? 'en annan person'}. Om du fortsätter loggas du ut och
          in som ${input.personName ?? 'personen länken är till'}.
        </p>`
      : html``;
  const main = html`<p>
      Länken loggar in ${input.personName ?? 'dig'} på kurserna hos ${input.organisationName}.
    </p>
    ${other}
    <form method="post" action="${input.action}">
      ${csrfField(input.csrf)}
      <p><button type="submit">Logga in</button></p>
    </form>`;
  return standalonePage('Logga in', 'Logga in', main, {
    principal: input.principal,
    csrf: input.csrf,
    base: input.base,
  });
}
