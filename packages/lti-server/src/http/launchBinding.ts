import { AppError, type LtiLoginState } from '@kompetenta/core';
import type { Request, Response } from 'express';
import { readStateHints, storageKey, type LoginHints } from '../login/loginState';
import { LTI_PATHS, type LtiRouterDeps, type ResolvedLtiOptions } from '../LtiRouterOptions';
import { platformStorageLaunchPage } from '../pages/platformStoragePages';
import { matchesBinding, takeBindingCookie } from './browserBinding';

/** The form field the storage page posts the binding secret in (empty: the storage had none). */
export const STORAGE_BINDING_FIELD = 'lti_storage_binding';

/** The `/lti/login` parameters that start this login again, first-party, in a new window. */
function restartParams(login: LtiLoginState, hints: LoginHints | null): Record<string, string> | null {
  if (!hints) return null;
  return {
    iss: login.issuer,
    login_hint: hints.loginHint,
    target_link_uri: login.targetLinkUri,
    client_id: login.clientId,
    ...(login.deploymentId === null ? {} : { lti_deployment_id: login.deploymentId }),
    ...(hints.messageHint === null ? {} : { lti_message_hint: hints.messageHint }),
  };
}

/**
 * The top of the launch: finds the browser binding secret (the login cookie, or the value the
 * platform's storage gave back), consumes the state (single use) and checks the secret against
 * the hash stored with it. When the cookie is missing and the login used platform storage, it
 * first answers with the page that reads the storage (and returns null: the response is sent).
 * Without either, the launch is refused with `LTI_STATE_BROWSER_MISMATCH` carrying what a fresh
 * login in a new window needs, so the error page can offer that.
 */
export async function consumeBoundLoginState(
  req: Request,
  res: Response,
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  idToken: string,
  state: string,
): Promise<LtiLoginState | null> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const cookieSecret = takeBindingCookie(req, res, state, options);
  const stored = body[STORAGE_BINDING_FIELD];
  const storageSecret = typeof stored === 'string' ? stored : null;
  const hints = readStateHints(state);
  if (cookieSecret === null && storageSecret === null && hints?.storageTarget && hints.storageOrigin) {
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        platformStorageLaunchPage(
          { mode: 'get', target: hints.storageTarget, origin: hints.storageOrigin, key: storageKey(state) },
          { action: `${options.publicUrl}${LTI_PATHS.launch}`, idToken, state },
          `${options.publicUrl}${LTI_PATHS.storageScript}`,
        ),
      );
    return null;
  }
  const login = await deps.lti.loginStates.consume(state);
  if (!login) throw new AppError('LTI_STATE_UNKNOWN');
  const secret = cookieSecret ?? (storageSecret === '' ? null : storageSecret);
  if (secret === null) {
    throw new AppError(
      'LTI_STATE_BROWSER_MISMATCH',
      'Neither the login cookie nor platform storage came back: the browser blocks third-party cookies, or the launch reached another browser.',
      { platformId: login.platformId, binding: 'missing', newWindow: restartParams(login, hints) },
    );
  }
  if (!matchesBinding(secret, login.browserBindingHash)) {
    throw new AppError('LTI_STATE_BROWSER_MISMATCH', undefined, {
      platformId: login.platformId,
      binding: cookieSecret === null ? 'platform storage' : 'cookie',
    });
  }
  return login;
}
