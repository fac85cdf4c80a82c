import { AppError, isAppError, LTI_CLAIMS, LTI_MESSAGE_TYPES, systemClock } from '@kompetenta/core';
import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { asyncHandler } from '../http/asyncHandler';
import { consumeBoundLoginState } from '../http/launchBinding';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import type { DeepLinkingPicker } from '../deepLinking/DeepLinkingPicker';
import { readDeepLinkingClaims } from '../deepLinking/readDeepLinkingClaims';
import { acceptResourceLinkLaunch } from './acceptResourceLinkLaunch';
import type { PlatformKeySets } from './PlatformKeySets';
import { readLaunchClaims } from './readLaunchClaims';
import { resolveLaunchTenant } from './resolveLaunchTenant';
import { verifyIdToken } from './verifyIdToken';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * `POST /lti/launch`: the OIDC redirect URI. Everything is checked before anything is written:
 * the state is consumed (single use), bound to this browser, the id_token verified against the
 * platform the login was for, its nonce compared with the one issued, its claims and tenancy
 * resolved and the course found; only then is the person upserted and the page rendered. A Deep
 * Linking request, validated the same way up to its own claims, gets the course picker instead.
 */
export function createLaunchHandler(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  keySets: PlatformKeySets,
  picker: DeepLinkingPicker,
): RequestHandler {
  const clock = deps.clock ?? systemClock;
  return asyncHandler(async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const idToken = body.id_token;
    const state = body.state;
    if (typeof idToken !== 'string' || idToken === '' || typeof state !== 'string' || state === '') {
      throw new AppError('LTI_TOKEN_MISSING', undefined, {
        idToken: typeof idToken === 'string',
        state: typeof state === 'string',
      });
    }
    // Null: the platform storage page was sent, and it posts here again with the binding.
    const login = await consumeBoundLoginState(req, res, deps, options, idToken, state);
    if (!login) return;
    const platform = await deps.stores.tenants.getPlatform(login.platformId).catch((error: unknown) => {
      throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
        ? new AppError('LTI_PLATFORM_UNKNOWN', 'The platform was removed during the login.')
        : error;
    });
    const payload = await verifyIdToken(idToken, platform, keySets, {
      clientId: login.clientId,
      clockSkewSeconds: options.clockSkewSeconds,
      maxTokenAgeSeconds: options.loginStateTtlSeconds,
      now: clock.now(),
    });
    if (typeof payload.nonce !== 'string' || !sameText(payload.nonce, login.nonce)) {
      throw new AppError('LTI_NONCE_MISMATCH', undefined, { platformId: platform.id });
    }
    if (payload[LTI_CLAIMS.messageType] === LTI_MESSAGE_TYPES.deepLinkingRequest) {
      const request = readDeepLinkingClaims(payload);
      const tenant = await resolveLaunchTenant(deps.stores, login, request.deploymentId);
      await picker.show(res, tenant, request);
      return;
    }
    const launch = readLaunchClaims(payload);
    const tenant = await resolveLaunchTenant(deps.stores, login, launch.deploymentId);
    await acceptResourceLinkLaunch(deps, options, res, { tenant, launch });
  });
}
