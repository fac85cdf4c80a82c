import { AppError, type LtiLoginState, type ResolvedTenant, type Stores } from '@kompetenta/core';
import { asLtiTenancyError } from '../tenancyErrors';

/**
 * Resolves the tenancy of a verified launch: the deployment the token names must be the one the
 * login named (when it named one), and registered and approved for this `(issuer, client_id)`.
 */
export async function resolveLaunchTenant(
  stores: Stores,
  login: LtiLoginState,
  deploymentId: string,
): Promise<ResolvedTenant> {
  if (login.deploymentId !== null && login.deploymentId !== deploymentId) {
    throw new AppError(
      'LTI_DEPLOYMENT_UNKNOWN',
      `The launch names deployment ${deploymentId}, the login named ${login.deploymentId}.`,
      { claim: 'deployment_id' },
    );
  }
  return stores.tenants
    .resolve({ issuer: login.issuer, clientId: login.clientId, deploymentId })
    .catch((error: unknown) => {
      throw asLtiTenancyError(error);
    });
}
