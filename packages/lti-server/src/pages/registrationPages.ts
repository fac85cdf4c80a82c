import { LTI_REGISTRATION } from '@kompetenta/core';
import { LTI_PATHS } from '../LtiRouterOptions';
import { html, page } from './layout';

/**
 * The last page of Dynamic Registration: says whether the platform may launch at once or waits for
 * approval, and tells the platform's window it may close (`org.imsglobal.lti.close`, §3.7).
 */
export function registrationDonePage(
  platformName: string,
  approved: boolean,
  platformId: string,
  basePath: string,
): string {
  const status = approved
    ? html`<p>Registreringen är klar och godkänd. Lärare kan nu lägga till Kompetentas kurser.</p>`
    : html`<p>Registreringen är mottagen och väntar på godkännande.</p>
        <p>
          Kompetentas administratör godkänner den med kommandot
          <span class="code">kompetenta platform approve ${platformId}</span>.
        </p>`;
  const main = html`<p>Lärplattformen ${platformName} har registrerat Kompetenta.</p>
    ${status}
    <p>Du kan stänga det här fönstret.</p>
    <script src="${basePath}${LTI_PATHS.registrationCloseScript}"></script>`;
  return page('Registreringen är mottagen', 'Registreringen är mottagen', main);
}

/**
 * Posts `org.imsglobal.lti.close` to the platform's window (Dynamic Registration §3.7). A file, not
 * inline script, because the LTI pages' CSP allows only `script-src 'self'`.
 */
export const REGISTRATION_CLOSE_SCRIPT = `(window.opener || window.parent).postMessage(${JSON.stringify({
  subject: LTI_REGISTRATION.closeMessageSubject,
})}, '*');
`;
