import { AppError, LTI_REGISTRATION } from '@kompetenta/core';

/** What the tool takes from a platform's OpenID configuration (Dynamic Registration §3.4). */
export interface PlatformConfiguration {
  readonly issuer: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
  readonly registrationEndpoint: string;
  /** `product_family_code` of the LTI platform configuration (`moodle`, `canvas`…), if given. */
  readonly productFamily: string | null;
}

function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const REQUIRED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'registration_endpoint'];

/**
 * Checks a platform's OpenID configuration, fetched from `configurationUrl`. The issuer must be
 * on the host of that URL (Dynamic Registration §3.5.1): otherwise a page could hand the tool a
 * configuration naming someone else's issuer, and launches "from" that issuer would be trusted.
 * Missing or malformed members are all reported at once.
 */
export function readPlatformConfiguration(body: unknown, configurationUrl: URL): PlatformConfiguration {
  const config = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems = REQUIRED.filter((member) => httpUrl(config[member]) === null).map(
    (member) => `${member} is missing or not an http(s) URL`,
  );
  const issuer = httpUrl(config.issuer);
  if (issuer && issuer.host !== configurationUrl.host) {
    throw new AppError(
      'LTI_REGISTRATION_ISSUER_MISMATCH',
      `The platform's issuer ${String(config.issuer)} is not on ${configurationUrl.host}, where its configuration was fetched.`,
      { issuer: String(config.issuer), openidConfiguration: configurationUrl.toString() },
    );
  }
  if (problems.length > 0) {
    throw new AppError(
      'LTI_REGISTRATION_CONFIG_INVALID',
      `The platform's OpenID configuration at ${configurationUrl.toString()} is not usable: ${problems.join('; ')}.`,
      { problems, openidConfiguration: configurationUrl.toString() },
    );
  }
  const lti = config[LTI_REGISTRATION.platformConfiguration];
  const family =
    typeof lti === 'object' && lti !== null
      ? (lti as Record<string, unknown>).product_family_code
      : undefined;
  return {
    issuer: String(config.issuer),
    authUrl: String(config.authorization_endpoint),
    tokenUrl: String(config.token_endpoint),
    jwksUrl: String(config.jwks_uri),
    registrationEndpoint: String(config.registration_endpoint),
    productFamily: typeof family === 'string' && family !== '' ? family : null,
  };
}
