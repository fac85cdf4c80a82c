import { AppError, LTI_CLAIMS, LTI_COURSE_PARAMETER, LTI_MESSAGE_TYPES, LTI_VERSION } from '@kompetenta/core';
import { LTI_EVENT_PARAMETER } from './recordEventAttendance';
import type { JWTPayload } from 'jose';
import { describeClaimValue } from './describeClaimValue';

/** What a verified resource link launch tells us, typed. */
export interface ResourceLinkLaunch {
  readonly issuer: string;
  readonly subject: string;
  readonly deploymentId: string;
  readonly resourceLinkId: string;
  readonly roles: readonly string[];
  readonly name: string | null;
  readonly email: string | null;
  /** The `course` custom parameter, if the link has one. */
  readonly courseSlug: string | null;
  /** The `event` custom parameter: an event link records attendance instead of opening a course. */
  readonly eventId: string | null;
  readonly contextTitle: string | null;
  readonly contextId: string | null;
  /** The `title` of the resource link claim. */
  readonly resourceLinkTitle: string | null;
  /** Assignment and Grade Services endpoint claim (AGS 2.0 §3.1), when the platform offers it. */
  readonly ags: {
    readonly lineItemUrl: string | null;
    readonly lineItemsUrl: string | null;
    readonly scopes: readonly string[];
  };
  /** Names and Roles `context_memberships_url` (NRPS 2.0 §3.6.1), when offered. */
  readonly nrpsMembershipsUrl: string | null;
}

/** An http(s) URL from a claim, else null: a service URL we would call must be one. */
function optionalUrl(value: unknown): string | null {
  const text = optionalText(value);
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The optional LTI Advantage service claims: malformed ones are ignored, never fatal to a launch. */
function readServiceClaims(payload: JWTPayload): Pick<ResourceLinkLaunch, 'ags' | 'nrpsMembershipsUrl'> {
  const ags = payload[LTI_CLAIMS.agsEndpoint];
  const nrps = payload[LTI_CLAIMS.nrpsService];
  const scopes =
    isRecord(ags) && Array.isArray(ags.scope) ? ags.scope.filter((s) => typeof s === 'string') : [];
  return {
    ags: {
      lineItemUrl: isRecord(ags) ? optionalUrl(ags.lineitem) : null,
      lineItemsUrl: isRecord(ags) ? optionalUrl(ags.lineitems) : null,
      scopes,
    },
    nrpsMembershipsUrl: isRecord(nrps) ? optionalUrl(nrps.context_memberships_url) : null,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A person's display name from `name`, else `given_name family_name` (OIDC standard claims). */
function displayName(payload: JWTPayload): string | null {
  return (
    optionalText(payload.name) ??
    optionalText(
      [payload.given_name, payload.family_name].filter((part) => typeof part === 'string').join(' '),
    )
  );
}

/**
 * Checks the version claim and reads the deployment id, the claims every LTI message must carry
 * before anything else about it is worth checking. Returns the deployment id.
 */
export function readVersionAndDeployment(payload: JWTPayload): string {
  const version = payload[LTI_CLAIMS.version];
  if (version !== LTI_VERSION) {
    throw new AppError(
      'LTI_VERSION_UNSUPPORTED',
      `The launch is LTI version ${describeClaimValue(version)}, not ${LTI_VERSION}.`,
      { claim: LTI_CLAIMS.version, value: describeClaimValue(version) },
    );
  }
  const deploymentId = optionalText(payload[LTI_CLAIMS.deploymentId]);
  if (!deploymentId) {
    throw new AppError('LTI_DEPLOYMENT_UNKNOWN', 'The launch has no deployment_id.', {
      claim: LTI_CLAIMS.deploymentId,
    });
  }
  return deploymentId;
}

/**
 * Checks the LTI claims of a verified id_token for a resource link launch (LTI Core 1.3 §5.3):
 * message type and version first (a different message is its own error), then every other
 * required claim, collected and reported at once with the claim each problem is about.
 */
export function readLaunchClaims(payload: JWTPayload): ResourceLinkLaunch {
  const messageType = payload[LTI_CLAIMS.messageType];
  if (messageType !== LTI_MESSAGE_TYPES.resourceLink) {
    throw new AppError(
      'LTI_MESSAGE_TYPE_UNSUPPORTED',
      `The launch is a ${describeClaimValue(messageType)} message; /lti/launch accepts ${LTI_MESSAGE_TYPES.resourceLink} here.`,
      {
        claim: LTI_CLAIMS.messageType,
        value: describeClaimValue(messageType),
      },
    );
  }
  const deploymentId = readVersionAndDeployment(payload);
  const problems: { claim: string; problem: string }[] = [];
  const resourceLink = payload[LTI_CLAIMS.resourceLink];
  const resourceLinkId = isRecord(resourceLink) ? optionalText(resourceLink.id) : null;
  if (!resourceLinkId) problems.push({ claim: `${LTI_CLAIMS.resourceLink}#id`, problem: 'missing' });
  const roles = payload[LTI_CLAIMS.roles];
  const roleList = Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles : null;
  if (!roleList) problems.push({ claim: LTI_CLAIMS.roles, problem: 'missing or not a list of strings' });
  const targetLinkUri = payload[LTI_CLAIMS.targetLinkUri];
  if (typeof targetLinkUri !== 'string')
    problems.push({ claim: LTI_CLAIMS.targetLinkUri, problem: 'missing' });
  const subject = optionalText(payload.sub);
  if (!subject) problems.push({ claim: 'sub', problem: 'missing (anonymous launches are not supported)' });
  if (problems.length > 0 || !resourceLinkId || !roleList || !subject || !payload.iss) {
    throw new AppError(
      'LTI_CLAIMS_INVALID',
      `The launch token has invalid claims: ${problems.map((p) => `${p.claim} ${p.problem}`).join('; ')}.`,
      { problems },
    );
  }
  const custom = payload[LTI_CLAIMS.custom];
  const context = payload[LTI_CLAIMS.context];
  return {
    issuer: payload.iss,
    subject,
    deploymentId,
    resourceLinkId,
    roles: roleList,
    name: displayName(payload),
    email: optionalText(payload.email),
    courseSlug: isRecord(custom) ? optionalText(custom[LTI_COURSE_PARAMETER]) : null,
    eventId: isRecord(custom) ? optionalText(custom[LTI_EVENT_PARAMETER]) : null,
    contextTitle: isRecord(context) ? optionalText(context.title) : null,
    contextId: isRecord(context) ? optionalText(context.id) : null,
    resourceLinkTitle: isRecord(resourceLink) ? optionalText(resourceLink.title) : null,
    ...readServiceClaims(payload),
  };
}
