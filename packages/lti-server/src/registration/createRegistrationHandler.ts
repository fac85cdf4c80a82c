import { AppError, LTI_REGISTRATION } from '@kompetenta/core';
import type { RequestHandler } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { registrationDonePage } from '../pages/registrationPages';
import { platformRequest } from './platformClient';
import { readPlatformConfiguration, type PlatformConfiguration } from './readPlatformConfiguration';
import { toolRegistration } from './toolRegistration';

function queryText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function configurationUrl(value: unknown): URL {
  const text = queryText(value);
  try {
    const url = text === null ? null : new URL(text);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url;
  } catch {
    // reported below
  }
  throw new AppError('LTI_REGISTRATION_REQUEST_INVALID', undefined, { openidConfiguration: text });
}

/** The client id and deployment id(s) the platform assigned (§3.6: the registration response). */
function readRegistrationResponse(body: unknown, url: string): { clientId: string; deploymentIds: string[] } {
  const response = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const lti = response[LTI_REGISTRATION.toolConfiguration];
  const raw =
    typeof lti === 'object' && lti !== null ? (lti as Record<string, unknown>).deployment_id : undefined;
  const deploymentIds = (Array.isArray(raw) ? raw : [raw]).filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const clientId = queryText(response.client_id);
  if (!clientId || deploymentIds.length === 0) {
    throw new AppError(
      'LTI_REGISTRATION_FAILED',
      `The registration endpoint ${url} answered without a client_id or a deployment_id.`,
      { url, clientId: clientId !== null, deploymentIds: deploymentIds.length },
    );
  }
  return { clientId, deploymentIds };
}

/** The platform's organisation name: its product and host, e.g. `moodle (lms.example.se)`. */
function platformName(config: PlatformConfiguration): string {
  const host = new URL(config.issuer).host;
  return config.productFamily ? `${config.productFamily} (${host})` : host;
}

/**
 * `GET /lti/register?openid_configuration=…[&registration_token=…]`: LTI Dynamic Registration 1.0.
 * Fetches and checks the platform's configuration, registers the tool there, and stores the
 * platform — pending unless `autoApprove` — with its deployment(s) mapped to a new organisation,
 * all in one transaction, so a failure leaves nothing half-registered.
 */
export function createRegistrationHandler(deps: LtiRouterDeps, options: ResolvedLtiOptions): RequestHandler {
  return asyncHandler(async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const configUrl = configurationUrl(query.openid_configuration);
    const token = queryText(query.registration_token);
    const timeoutMs = options.registrationTimeoutMs;
    const config = readPlatformConfiguration(
      await platformRequest(configUrl.toString(), { method: 'GET', token, timeoutMs }),
      configUrl,
    );
    const registered = readRegistrationResponse(
      await platformRequest(config.registrationEndpoint, {
        method: 'POST',
        token,
        body: toolRegistration(options.publicUrl),
        timeoutMs,
      }),
      config.registrationEndpoint,
    );
    const name = platformName(config);
    const platform = await deps.stores.transaction(async (stores) => {
      const organisation = await stores.organisations.create({ name });
      const added = await stores.tenants.addPlatform({
        issuer: config.issuer,
        clientId: registered.clientId,
        name,
        authUrl: config.authUrl,
        tokenUrl: config.tokenUrl,
        jwksUrl: config.jwksUrl,
        status: options.autoApprove ? 'approved' : 'pending',
      });
      for (const deploymentId of registered.deploymentIds) {
        await stores.tenants.addDeployment(added.id, deploymentId, organisation.id);
      }
      return added;
    });
    deps.logger.info(
      { platformId: platform.id, issuer: platform.issuer, status: platform.status },
      'LTI dynamic registration stored',
    );
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(registrationDonePage(name, platform.status === 'approved', platform.id, options.basePath));
  });
}
