import {
  LTI_CLAIMS,
  LTI_CONTEXT_TYPES,
  LTI_CONTENT_ITEM_TYPES,
  LTI_COURSE_PARAMETER,
  LTI_MESSAGE_TYPES,
  LTI_VERSION,
} from '@kompetenta/core';
import { SignJWT, type JWTPayload } from 'jose';
import type { EmulatorKey } from './emulatorKeys';

/** A person the emulator launches as. */
export interface EmulatedUser {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly string[];
}

/** What the next launch for a login hint carries. `claims` overrides or adds claims (undefined removes one). */
export interface LaunchPlan {
  readonly user: EmulatedUser;
  readonly resourceLinkId?: string;
  readonly course?: string | undefined;
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Makes the launch an `LtiDeepLinkingRequest` with these settings instead of a resource link. */
  readonly deepLinking?: { readonly data?: string; readonly acceptMultiple?: boolean };
}

/** The claims of a resource link launch as a platform sends them (LTI Core 1.3 §5.3). */
export function resourceLinkClaims(
  platform: { issuer: string; clientId: string; deploymentId: string; deepLinkReturnUrl?: string },
  plan: LaunchPlan,
  nonce: string,
  targetLinkUri: string,
): JWTPayload {
  const claims: Record<string, unknown> = {
    iss: platform.issuer,
    aud: platform.clientId,
    sub: plan.user.sub,
    nonce,
    name: plan.user.name,
    email: plan.user.email,
    [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.resourceLink,
    [LTI_CLAIMS.version]: LTI_VERSION,
    [LTI_CLAIMS.deploymentId]: platform.deploymentId,
    [LTI_CLAIMS.targetLinkUri]: targetLinkUri,
    [LTI_CLAIMS.resourceLink]: { id: plan.resourceLinkId ?? 'resource-link-1', title: 'Kurslänk' },
    [LTI_CLAIMS.roles]: [...plan.user.roles],
    [LTI_CLAIMS.context]: {
      id: 'context-1',
      title: 'Handledarnätverket',
      type: [LTI_CONTEXT_TYPES.courseOffering],
    },
    [LTI_CLAIMS.custom]: plan.course === undefined ? {} : { [LTI_COURSE_PARAMETER]: plan.course },
  };
  if (plan.deepLinking) {
    // Deep Linking 2.0 §4.4: no resource link, the settings say where to send the response.
    delete claims[LTI_CLAIMS.resourceLink];
    claims[LTI_CLAIMS.messageType] = LTI_MESSAGE_TYPES.deepLinkingRequest;
    claims[LTI_CLAIMS.deepLinkingSettings] = {
      deep_link_return_url: platform.deepLinkReturnUrl ?? `${platform.issuer}/deep-link-return`,
      accept_types: [LTI_CONTENT_ITEM_TYPES.resourceLink],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: plan.deepLinking.acceptMultiple ?? true,
      ...(plan.deepLinking.data === undefined ? {} : { data: plan.deepLinking.data }),
    };
  }
  for (const [name, value] of Object.entries(plan.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

/** Signs with RS256; `iat`/`exp` default to now and five minutes ahead unless the claims set them. */
export async function signRs256(claims: JWTPayload, key: EmulatorKey, kid = key.kid): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .sign(key.privateKey);
}

/** An unsigned token (`alg: none`): what an attacker sends hoping the tool skips verification. */
export function unsecuredToken(claims: JWTPayload): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iat: now, exp: now + 300, ...claims })}.`;
}
