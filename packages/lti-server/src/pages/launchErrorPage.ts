import type { ErrorCode } from '@kompetenta/core';
import { html, page } from './layout';

/** What went wrong and what an admin can do, in Swedish, for the errors a launch can meet. */
const EXPLANATIONS: Partial<Record<ErrorCode, { what: string; todo: string }>> = {
  LTI_LOGIN_INVALID: {
    what: 'Lärplattformen skickade en ofullständig inloggningsbegäran.',
    todo: 'Administratören för lärplattformen kan kontrollera verktygets inställningar (inloggnings-URL och klient-id).',
  },
  LTI_PLATFORM_UNKNOWN: {
    what: 'Lärplattformen är inte registrerad i Kompetenta.',
    todo: 'Kompetentas administratör kan registrera den med kommandot kompetenta platform add.',
  },
  LTI_REGISTRATION_PENDING: {
    what: 'Registreringen av lärplattformen väntar på godkännande.',
    todo: 'Kompetentas administratör kan godkänna den med kommandot kompetenta platform approve.',
  },
  LTI_DEPLOYMENT_UNKNOWN: {
    what: 'Den här installationen (deployment) av verktyget är inte registrerad i Kompetenta.',
    todo: 'Kompetentas administratör kan lägga till installationens id för lärplattformen.',
  },
  LTI_STATE_UNKNOWN: {
    what: 'Inloggningen har gått ut, har redan använts eller startades inte av Kompetenta.',
    todo: 'Gå tillbaka till lärplattformen och öppna länken igen.',
  },
  LTI_STATE_BROWSER_MISMATCH: {
    what: 'Inloggningen startades i en annan webbläsare, eller så blockerade webbläsaren en nödvändig kaka (cookie).',
    todo: 'Öppna länken igen i samma webbläsare. Om det upprepas kan administratören kontrollera att Kompetenta nås via https.',
  },
  LTI_TOKEN_MISSING: {
    what: 'Lärplattformen skickade ingen inloggningstoken.',
    todo: 'Administratören för lärplattformen kan kontrollera verktygets omdirigerings-URL.',
  },
  LTI_TOKEN_INVALID: {
    what: 'Inloggningstoken från lärplattformen kunde inte godkännas.',
    todo: 'Administratören kan jämföra utfärdare (issuer), klient-id och nyckeladress (JWKS) i registreringen med lärplattformens uppgifter.',
  },
  LTI_TOKEN_EXPIRED: {
    what: 'Inloggningstoken från lärplattformen har gått ut.',
    todo: 'Öppna länken igen. Om det upprepas kan administratören kontrollera klockan på servrarna.',
  },
  LTI_TOKEN_KEY_UNKNOWN: {
    what: 'Inloggningstoken är signerad med en nyckel som lärplattformen inte publicerar.',
    todo: 'Administratören kan kontrollera nyckeladressen (JWKS) i registreringen.',
  },
  LTI_NONCE_MISMATCH: {
    what: 'Inloggningstoken hör inte till den här inloggningen.',
    todo: 'Gå tillbaka till lärplattformen och öppna länken igen.',
  },
  LTI_CLAIMS_INVALID: {
    what: 'Lärplattformen skickade inte alla uppgifter som behövs (till exempel länkens id eller roller).',
    todo: 'Administratören kan se detaljerna i Kompetentas logg.',
  },
  LTI_MESSAGE_TYPE_UNSUPPORTED: {
    what: 'Lärplattformen skickade en typ av meddelande som Kompetenta inte tar emot här.',
    todo: 'Administratören kan kontrollera länkens inställningar i lärplattformen.',
  },
  LTI_VERSION_UNSUPPORTED: {
    what: 'Lärplattformen använder en annan LTI-version än 1.3.',
    todo: 'Administratören kan registrera verktyget som ett LTI 1.3-verktyg.',
  },
  LTI_COURSE_CHOICE_INVALID: {
    what: 'Formuläret för att välja kurs har gått ut eller kom inte från Kompetenta.',
    todo: 'Öppna länken igen från lärplattformen och välj kurs.',
  },
  LTI_COURSE_UNKNOWN: {
    what: 'Kursen som länken anger finns inte i Kompetenta.',
    todo: 'Läraren eller administratören kan rätta parametern course på länken.',
  },
  LTI_PLATFORM_KEYS_UNREACHABLE: {
    what: 'Kompetenta kunde inte hämta lärplattformens publika nycklar.',
    todo: 'Försök igen om en stund. Administratören kan kontrollera nyckeladressen (JWKS) i registreringen.',
  },
  LTI_DEEP_LINKING_SESSION_UNKNOWN: {
    what: 'Formuläret för att välja kurs har redan skickats, har gått ut eller kom inte från Kompetenta.',
    todo: 'Gå tillbaka till lärplattformen och lägg till Kompetenta-aktiviteten igen.',
  },
  LTI_REGISTRATION_REQUEST_INVALID: {
    what: 'Registreringsadressen saknar lärplattformens konfigurationsadress (openid_configuration).',
    todo: 'Starta registreringen från lärplattformens sida för LTI-verktyg, inte genom att öppna adressen direkt.',
  },
  LTI_REGISTRATION_ISSUER_MISMATCH: {
    what: 'Lärplattformens utfärdare (issuer) ligger inte på samma värd som dess konfigurationsadress, så Kompetenta avböjde registreringen.',
    todo: 'Administratören för lärplattformen kan kontrollera plattformens adress och issuer, eller registrera verktyget för hand.',
  },
  LTI_REGISTRATION_CONFIG_INVALID: {
    what: 'Lärplattformens konfiguration saknar uppgifter som registreringen behöver.',
    todo: 'Administratören kan registrera verktyget för hand (kompetenta platform add). Detaljerna finns i Kompetentas logg.',
  },
  LTI_REGISTRATION_FAILED: {
    what: 'Lärplattformen svarade inte som väntat när Kompetenta registrerade sig.',
    todo: 'Försök igen om en stund. Administratören kan se detaljerna i Kompetentas logg.',
  },
};

const FALLBACK = {
  what: 'Något gick fel när kursen skulle öppnas.',
  todo: 'Försök igen om en stund. Administratören kan se detaljerna i Kompetentas logg.',
};

/** The accessible page of a rejected launch: what was wrong, what to do, and the code for support. */
export function launchErrorPage(code: ErrorCode): string {
  const explanation = EXPLANATIONS[code] ?? FALLBACK;
  const main = html`<p>${explanation.what}</p>
    <section aria-labelledby="gora-rubrik">
      <h2 id="gora-rubrik">Vad kan göras?</h2>
      <p>${explanation.todo}</p>
    </section>
    <p>Felkod för support: <span class="code">${code}</span></p>`;
  // Registration errors meet an LMS admin registering the tool, not someone opening a course.
  const title =
    code.startsWith('LTI_REGISTRATION_') && code !== 'LTI_REGISTRATION_PENDING'
      ? 'Registreringen kunde inte genomföras'
      : 'Kursen kunde inte öppnas';
  return page(title, title, main);
}
