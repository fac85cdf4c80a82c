import {
  LTI_CLAIMS,
  LTI_CONTENT_ITEM_TYPES,
  LTI_COURSE_PARAMETER,
  LTI_MESSAGE_TYPES,
  LTI_VERSION,
  type DeepLinkSession,
} from '@kompetenta/core';
import { importJWK, SignJWT, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import type { ToolKeys } from '../keys/toolKeys';
import type { CourseChoice } from './courseChoices';

/** The grade column the LMS creates for each placed course (AGS line item, 0–100). */
export const SCORE_MAXIMUM = 100;

/** How long the platform may take to receive the response (Deep Linking 2.0 §4.5: short-lived). */
const RESPONSE_TTL_SECONDS = 300;

/** One `ltiResourceLink` content item per course, launching with `course=<slug>`. */
export function contentItems(courses: readonly CourseChoice[], launchUrl: string): Record<string, unknown>[] {
  return courses.map((course) => ({
    type: LTI_CONTENT_ITEM_TYPES.resourceLink,
    title: course.title,
    url: launchUrl,
    custom: { [LTI_COURSE_PARAMETER]: course.slug },
    lineItem: { scoreMaximum: SCORE_MAXIMUM, label: course.title, resourceId: course.slug },
  }));
}

/**
 * The `LtiDeepLinkingResponse` JWT (Deep Linking 2.0 §4.5), signed with the tool's key (the one at
 * /lti/keys, `kid` in the header): issued by our client id to the platform's issuer.
 */
export async function signDeepLinkingResponse(
  toolKeys: ToolKeys,
  session: DeepLinkSession,
  items: readonly Record<string, unknown>[],
  now: Date,
): Promise<string> {
  const key = await toolKeys.key();
  const privateKey = await importJWK(key.privateJwk as JWK, 'RS256');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    nonce: randomBytes(16).toString('base64url'),
    [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.deepLinkingResponse,
    [LTI_CLAIMS.version]: LTI_VERSION,
    [LTI_CLAIMS.deploymentId]: session.deploymentId,
    [LTI_CLAIMS.deepLinkingContentItems]: items,
    // The spec requires `data` back exactly when the request carried it.
    ...(session.data === null ? {} : { [LTI_CLAIMS.deepLinkingData]: session.data }),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(session.clientId)
    .setAudience(session.issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + RESPONSE_TTL_SECONDS)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(privateKey);
}
