import { AppError, type Stores } from '@kompetenta/core';
import { parseInvitationList } from './parseInvitationList';
import { issueSignInMail } from './signInMail';

export interface InvitationResult {
  readonly invited: number;
  readonly alreadyInvited: number;
}

/**
 * Invites everyone on the list to the organisation, in one transaction: each new person gets a
 * person row, an invitation and an invitation mail with a 7-day sign-in link (the outbox row in
 * the same transaction). Idempotent: someone already invited is counted, not mailed again (the
 * mail's key is `invitation:<person id>`). A bad row throws SIGNIN_INVITATIONS_INVALID with every
 * problem and its row number, and nothing is stored.
 */
export async function invitePeople(
  stores: Stores,
  input: {
    readonly organisationId: string;
    readonly invitedBy: string | null;
    readonly list: string;
    readonly now: Date;
    readonly ttlMs: number;
    readonly publicUrl: string;
  },
): Promise<InvitationResult> {
  const parsed = parseInvitationList(input.list);
  if (!parsed.ok) {
    throw new AppError('SIGNIN_INVITATIONS_INVALID', undefined, { problems: parsed.problems });
  }
  return stores.transaction(async (tx) => {
    const organisation = await tx.organisations.get(input.organisationId);
    let invited = 0;
    for (const row of parsed.rows) {
      const person = await tx.people.upsertByEmail({
        organisationId: organisation.id,
        email: row.email,
        ...(row.name ? { name: row.name } : {}),
      });
      const { created } = await tx.invitations.record({
        personId: person.id,
        organisationId: organisation.id,
        invitedBy: input.invitedBy,
        invitedAt: input.now,
      });
      if (!created) continue;
      invited += 1;
      await issueSignInMail(tx, {
        person: { ...person, email: person.email ?? row.email },
        organisation,
        purpose: 'invitation',
        now: input.now,
        ttlMs: input.ttlMs,
        publicUrl: input.publicUrl,
        idempotencyKey: `invitation:${person.id}`,
      });
    }
    return { invited, alreadyInvited: parsed.rows.length - invited };
  });
}
