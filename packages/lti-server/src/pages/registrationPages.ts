import { LTI_REGISTRATION } from '@kompetenta/core';
import { html, page } from './layout';

/**
 * The last page of Dynamic Registration: says whether the platform may launch at once or waits for
 * approval, and tells the platform's window it may close (`org.imsglobal.lti.close`, §3.7).
 */
export function registrationDonePage(platformName: string, approved: boolean, platformId: string): string {
  const status = approved
    ? html`<p>Registreringen är klar och godkänd. Lärare kan nu lägga till Kompetentas kurser.</p>`
    : html`<p>Registreringen är mottagen och väntar på godkännande.</p>
        <p>
          Kompetentas administratör godkänner den med kommandot
          <span class="code">kompetenta platform approve ${platformId}</span>.
        </p>`;
  const message = JSON.stringify({ subject: LTI_REGISTRATION.closeMessageSubject });
  const script = `<script>(window.opener || window.parent).postMessage(${message}, '*');</script>`;
  const main = html`<p>Lärplattformen ${platformName} har registrerat Kompetenta.</p>
    ${status}
    <p>Du kan stänga det här fönstret.</p>
    ${{ html: script }}`;
  return page('Registreringen är mottagen', 'Registreringen är mottagen', main);
}
