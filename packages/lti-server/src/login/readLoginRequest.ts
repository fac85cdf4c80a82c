import { AppError } from '@kompetenta/core';

/** The OIDC third-party initiated login parameters (LTI Core 1.3 §4.1, Security Framework §5.1.1.1). */
export interface LoginRequest {
  readonly issuer: string;
  readonly loginHint: string;
  readonly targetLinkUri: string;
  readonly clientId: string;
  readonly deploymentId: string | null;
  readonly messageHint: string | null;
  /** `lti_storage_target`: the frame that keeps data for the tool (LTI Client Side postMessages). */
  readonly storageTarget: string | null;
}

/** A frame name (or `_parent`): what `window.parent.frames[name]` can find. */
const FRAME_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function text(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Reads and checks the login parameters, reporting every problem at once. `client_id` is
 * optional in the spec but required here: Canvas and Blackboard share one issuer between all
 * customers, so the issuer alone never names a registration. `target_link_uri` must point at this
 * tool, or the login could be used to bounce browsers elsewhere.
 */
export function readLoginRequest(params: Record<string, unknown>, publicUrl: string): LoginRequest {
  const issuer = text(params, 'iss');
  const loginHint = text(params, 'login_hint');
  const targetLinkUri = text(params, 'target_link_uri');
  const clientId = text(params, 'client_id');
  const storageTarget = text(params, 'lti_storage_target');
  const problems: string[] = [];
  if (storageTarget !== null && !FRAME_NAME.test(storageTarget))
    problems.push('lti_storage_target is not a frame name');
  if (!issuer) problems.push('iss is missing');
  else if (!isAbsoluteUrl(issuer)) problems.push('iss is not an http(s) URL');
  if (!loginHint) problems.push('login_hint is missing');
  if (!clientId) problems.push('client_id is missing');
  if (!targetLinkUri) problems.push('target_link_uri is missing');
  else if (!isAbsoluteUrl(targetLinkUri) || new URL(targetLinkUri).origin !== new URL(publicUrl).origin) {
    problems.push(`target_link_uri is not on this tool (${publicUrl})`);
  }
  if (problems.length > 0 || !issuer || !loginHint || !clientId || !targetLinkUri) {
    throw new AppError('LTI_LOGIN_INVALID', `The LTI login request is not valid: ${problems.join('; ')}.`, {
      problems,
    });
  }
  return {
    issuer,
    loginHint,
    targetLinkUri,
    clientId,
    deploymentId: text(params, 'lti_deployment_id'),
    messageHint: text(params, 'lti_message_hint'),
    storageTarget,
  };
}
