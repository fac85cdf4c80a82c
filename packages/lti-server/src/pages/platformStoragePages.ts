import { html, page, type Html } from './layout';

/** What the storage script (`/lti/assets/lti-storage.js`) reads from the page. */
export interface StorageScriptConfig {
  /** `put` at login (keep the binding), `get` at launch (read it back). */
  readonly mode: 'put' | 'get';
  /** The `lti_storage_target` frame name, or `_parent`. */
  readonly target: string;
  /** The platform's origin: messages go only there and are accepted only from there. */
  readonly origin: string;
  readonly key: string;
  readonly value?: string;
  /** Where `put` continues (the platform's authorization URL). */
  readonly next?: string;
}

/** JSON in a non-executed script element; `<` escaped so no value can close the element. */
function configElement(config: StorageScriptConfig, scriptUrl: string): Html {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return {
    html:
      `<script type="application/json" id="kompetenta-lti-storage">${json}</script>` +
      html`<script src="${scriptUrl}"></script>`.html,
  };
}

/**
 * The login's answer when the platform offers storage: the script keeps the binding secret in the
 * platform's storage, then continues to the platform. The link is there for when script is off
 * (the cookie may still work then).
 */
export function platformStorageLoginPage(
  config: StorageScriptConfig & { next: string },
  scriptUrl: string,
): string {
  const main = html`<p>Du skickas vidare till lärplattformen.</p>
    <p lang="en">You are being sent back to the learning platform.</p>
    <p>
      <a href="${config.next}">Fortsätt <span lang="en">(Continue)</span></a>
    </p>
    ${configElement(config, scriptUrl)}`;
  return page('Loggar in', 'Loggar in', main);
}

/**
 * The launch's first answer when the login cookie did not arrive but the platform keeps storage:
 * the script reads the binding secret back and posts it with the id_token and state to the launch
 * again, where it is checked like the cookie. Without script the button posts without it.
 */
export function platformStorageLaunchPage(
  config: StorageScriptConfig,
  form: { action: string; idToken: string; state: string },
  scriptUrl: string,
): string {
  const main = html`<p>Kompetenta kontrollerar inloggningen.</p>
    <p lang="en">Kompetenta is checking the sign-in.</p>
    <form id="kompetenta-lti-continue" method="post" action="${form.action}">
      <input type="hidden" name="id_token" value="${form.idToken}" />
      <input type="hidden" name="state" value="${form.state}" />
      <input type="hidden" name="lti_storage_binding" value="" />
      <button type="submit">Fortsätt <span lang="en">(Continue)</span></button>
    </form>
    ${configElement(config, scriptUrl)}`;
  return page('Loggar in', 'Loggar in', main);
}
