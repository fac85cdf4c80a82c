import { AppError, systemClock } from '@kompetenta/core';
import type { RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { asyncHandler } from '../http/asyncHandler';
import { bindBrowser } from '../http/browserBinding';
import { LTI_PATHS, type LtiRouterDeps, type ResolvedLtiOptions } from '../LtiRouterOptions';
import { platformStorageLoginPage } from '../pages/platformStoragePages';
import { asLtiTenancyError } from '../tenancyErrors';
import { newState, storageKey } from './loginState';
import { readLoginRequest } from './readLoginRequest';

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * `GET|POST /lti/login`: checks the registration, issues a state and a nonce, stores both in our
 * database with the hash of a browser binding secret, and redirects to the platform's OIDC
 * authorization endpoint (Security Framework §5.1.1.2). The secret goes into a cookie; when the
 * platform offers storage (`lti_storage_target`), also into the platform's storage through a small
 * page, because the cookie often does not survive the LMS's iframe.
 */
export function createLoginHandler(deps: LtiRouterDeps, options: ResolvedLtiOptions): RequestHandler {
  const clock = deps.clock ?? systemClock;
  return asyncHandler(async (req, res) => {
    const params = {
      ...(req.query as Record<string, unknown>),
      ...((req.body ?? {}) as Record<string, unknown>),
    };
    const login = readLoginRequest(params, options.publicUrl);
    const platform = await deps.stores.tenants.findPlatform(login.issuer, login.clientId);
    if (!platform) {
      throw new AppError(
        'LTI_PLATFORM_UNKNOWN',
        `No platform is registered for issuer ${login.issuer} with client id ${login.clientId}.`,
        {
          issuer: login.issuer,
          clientId: login.clientId,
        },
      );
    }
    if (platform.status !== 'approved') {
      throw new AppError(
        'LTI_REGISTRATION_PENDING',
        `The registration of ${login.issuer} (client id ${login.clientId}) waits for approval.`,
        {
          platformId: platform.id,
        },
      );
    }
    if (login.deploymentId !== null) {
      await deps.stores.tenants
        .resolve({ issuer: login.issuer, clientId: login.clientId, deploymentId: login.deploymentId })
        .catch((error: unknown) => {
          throw asLtiTenancyError(error);
        });
    }
    const storageOrigin = new URL(platform.authUrl).origin;
    const state = newState({
      loginHint: login.loginHint,
      messageHint: login.messageHint,
      storageTarget: login.storageTarget,
      storageOrigin,
    });
    const nonce = randomToken();
    const binding = bindBrowser(res, state, options);
    const browserBindingHash = binding.hash;
    await deps.lti.loginStates.save({
      state,
      nonce,
      browserBindingHash,
      platformId: platform.id,
      issuer: platform.issuer,
      clientId: platform.clientId,
      deploymentId: login.deploymentId,
      targetLinkUri: login.targetLinkUri,
      expiresAt: new Date(clock.now().getTime() + options.loginStateTtlSeconds * 1000),
    });
    const authorize = new URL(platform.authUrl);
    const query: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: `${options.publicUrl}${LTI_PATHS.launch}`,
      login_hint: login.loginHint,
      state,
      nonce,
      ...(login.messageHint === null ? {} : { lti_message_hint: login.messageHint }),
    };
    for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);
    deps.logger.info(
      {
        platformId: platform.id,
        deploymentId: login.deploymentId,
        platformStorage: login.storageTarget !== null,
      },
      'LTI login: redirecting to the platform',
    );
    if (login.storageTarget === null) {
      res.redirect(302, authorize.toString());
      return;
    }
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        platformStorageLoginPage(
          {
            mode: 'put',
            target: login.storageTarget,
            origin: storageOrigin,
            key: storageKey(state),
            value: binding.secret,
            next: authorize.toString(),
          },
          `${options.publicUrl}${LTI_PATHS.storageScript}`,
        ),
      );
  });
}
