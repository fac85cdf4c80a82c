import { AppError, isAppError } from '@kompetenta/core';

/**
 * The store speaks of tenants; a person launching from an LMS needs to hear about deployments and
 * registrations. Other errors pass through unchanged.
 */
export function asLtiTenancyError(error: unknown): unknown {
  if (isAppError(error, 'STORE_TENANT_UNKNOWN')) {
    return new AppError('LTI_DEPLOYMENT_UNKNOWN', error.message, error.details ? { ...error.details } : {}, {
      cause: error,
    });
  }
  if (isAppError(error, 'STORE_TENANT_PENDING')) {
    return new AppError(
      'LTI_REGISTRATION_PENDING',
      error.message,
      error.details ? { ...error.details } : {},
      { cause: error },
    );
  }
  return error;
}
