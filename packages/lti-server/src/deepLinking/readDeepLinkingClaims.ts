import { AppError, LTI_CLAIMS, LTI_CONTENT_ITEM_TYPES } from '@kompetenta/core';
import type { JWTPayload } from 'jose';
import { isRecord, optionalText, readVersionAndDeployment } from '../launch/readLaunchClaims';

/** What a verified Deep Linking request tells us, typed (Deep Linking 2.0 §4.4). */
export interface DeepLinkingRequest {
  readonly subject: string;
  readonly deploymentId: string;
  readonly roles: readonly string[];
  readonly returnUrl: string;
  readonly data: string | null;
  readonly acceptMultiple: boolean;
  readonly contextTitle: string | null;
  /** `launch_presentation.locale` (e.g. `en-GB`, `sv-SE`), when the platform sends one. */
  readonly locale: string | null;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks the claims of a verified `LtiDeepLinkingRequest` (the caller checked the message type):
 * version and deployment as for every launch, then `sub`, `roles` and the deep linking settings
 * (`deep_link_return_url` an http(s) URL, `accept_types` including `ltiResourceLink`, the only
 * type we return), every problem collected and reported at once.
 */
export function readDeepLinkingClaims(payload: JWTPayload): DeepLinkingRequest {
  const deploymentId = readVersionAndDeployment(payload);
  const problems: { claim: string; problem: string }[] = [];
  const settings = payload[LTI_CLAIMS.deepLinkingSettings];
  const settingsClaim = LTI_CLAIMS.deepLinkingSettings;
  const record = isRecord(settings) ? settings : null;
  if (!record) problems.push({ claim: settingsClaim, problem: 'missing' });
  const returnUrl = record?.deep_link_return_url;
  if (record && !isHttpUrl(returnUrl))
    problems.push({
      claim: `${settingsClaim}#deep_link_return_url`,
      problem: 'missing or not an http(s) URL',
    });
  const acceptTypes = record?.accept_types;
  if (record && !(Array.isArray(acceptTypes) && acceptTypes.includes(LTI_CONTENT_ITEM_TYPES.resourceLink))) {
    problems.push({
      claim: `${settingsClaim}#accept_types`,
      problem: `does not include ${LTI_CONTENT_ITEM_TYPES.resourceLink}`,
    });
  }
  const roles = payload[LTI_CLAIMS.roles];
  const roleList = Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles : null;
  if (!roleList) problems.push({ claim: LTI_CLAIMS.roles, problem: 'missing or not a list of strings' });
  const subject = optionalText(payload.sub);
  if (!subject) problems.push({ claim: 'sub', problem: 'missing' });
  if (problems.length > 0 || !record || !isHttpUrl(returnUrl) || !roleList || !subject) {
    throw new AppError(
      'LTI_CLAIMS_INVALID',
      `The deep linking request has invalid claims: ${problems.map((p) => `${p.claim} ${p.problem}`).join('; ')}.`,
      { problems },
    );
  }
  const context = payload[LTI_CLAIMS.context];
  const presentation = payload[LTI_CLAIMS.launchPresentation];
  return {
    subject,
    deploymentId,
    roles: roleList,
    returnUrl,
    // `data` is opaque to the tool: echoed back exactly, so only a string is kept.
    data: typeof record.data === 'string' ? record.data : null,
    // Absent means one item only: the safe reading of an optional flag.
    acceptMultiple: record.accept_multiple === true,
    contextTitle: isRecord(context) ? optionalText(context.title) : null,
    locale: isRecord(presentation) ? optionalText(presentation.locale) : null,
  };
}
