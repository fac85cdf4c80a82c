import { AppError, isAppError, isStaffRole, systemClock, type ResolvedTenant } from '@kompetenta/core';
import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { asyncHandler } from '../http/asyncHandler';
import { isSameBrowser } from '../http/browserBinding';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { asLtiTenancyError } from '../tenancyErrors';
import { renderLandingPage } from './renderLandingPage';
import type { PlatformKeySets } from './PlatformKeySets';
import { readLaunchClaims } from './readLaunchClaims';
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
 * resolved and the course found; only then is the person upserted and the page rendered.
 */
export function createLaunchHandler(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  keySets: PlatformKeySets,
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
    const login = await deps.lti.loginStates.consume(state);
    if (!login) throw new AppError('LTI_STATE_UNKNOWN');
    if (!isSameBrowser(req, res, state, login.browserBindingHash, options)) {
      throw new AppError('LTI_STATE_BROWSER_MISMATCH', undefined, { platformId: login.platformId });
    }
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
    const launch = readLaunchClaims(payload);
    if (login.deploymentId !== null && login.deploymentId !== launch.deploymentId) {
      throw new AppError(
        'LTI_DEPLOYMENT_UNKNOWN',
        `The launch names deployment ${launch.deploymentId}, the login named ${login.deploymentId}.`,
        {
          claim: 'deployment_id',
        },
      );
    }
    const tenant: ResolvedTenant = await deps.stores.tenants
      .resolve({ issuer: platform.issuer, clientId: login.clientId, deploymentId: launch.deploymentId })
      .catch((error: unknown) => {
        throw asLtiTenancyError(error);
      });
    if (!launch.courseSlug)
      throw new AppError('LTI_COURSE_MISSING', undefined, { resourceLinkId: launch.resourceLinkId });
    const course = await deps.stores.courses.latestVersion(launch.courseSlug);
    if (!course)
      throw new AppError('LTI_COURSE_UNKNOWN', `There is no course ${launch.courseSlug}.`, {
        course: launch.courseSlug,
      });

    const organisationId = tenant.deployment.organisationId;
    const person = await deps.stores.people.upsertByLti({
      organisationId,
      ltiIssuer: platform.issuer,
      ltiSubject: launch.subject,
      name: launch.name,
      email: launch.email,
      roles: launch.roles,
    });
    const staff = isStaffRole(launch.roles);
    deps.logger.info(
      { organisationId, personId: person.id, course: course.courseSlug, staff },
      'LTI launch accepted',
    );
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(await renderLandingPage(deps.stores, { person, course, staff }));
  });
}
