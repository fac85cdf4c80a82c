import { generateOpaqueToken, hashOpaqueToken, type Stores } from '@kompetenta/core';

/** A handoff link is made when the staff overview page is shown and must be clicked soon after. */
export const HANDOFF_TTL_MS = 5 * 60_000;
export const HANDOFF_PATH = '/auth/handoff';

/**
 * A single-use, short-lived token that turns an LTI Instructor/Administrator launch into an
 * `org_admin` session of the launch's organisation in a new first-party window (the LMS's frame
 * cannot keep our cookie in browsers that block third-party cookies). Returns the path to link to.
 */
export async function issueHandoffLink(
  stores: Stores,
  who: { personId: string; organisationId: string },
  now: Date,
): Promise<string> {
  const token = generateOpaqueToken();
  await stores.signInLinks.create({
    tokenHash: hashOpaqueToken(token),
    personId: who.personId,
    organisationId: who.organisationId,
    purpose: 'handoff',
    access: 'org_admin',
    createdAt: now,
    expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS),
  });
  return `${HANDOFF_PATH}?token=${token}`;
}
