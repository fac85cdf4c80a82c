import {
  enqueueMail,
  generateOpaqueToken,
  hashOpaqueToken,
  type Organisation,
  type Person,
  type SignInPurpose,
  type Stores,
} from '@kompetenta/core';

/** The path of a sign-in link; GET shows a confirm button, POST signs in. */
export const signInLinkPath = (token: string): string => `/signin/${token}`;

/**
 * Issues a single-use sign-in link for the person and enqueues its e-mail (template `invitation`
 * or `signInLink`, payload as @kompetenta/mailer's MailRequest) in the same transaction: both land
 * or neither. `idempotencyKey` says when the mail must never go twice (an invitation per person).
 */
export async function issueSignInMail(
  stores: Stores,
  input: {
    readonly person: Person & { readonly email: string };
    readonly organisation: Organisation;
    readonly purpose: Extract<SignInPurpose, 'invitation' | 'request'>;
    readonly now: Date;
    readonly ttlMs: number;
    readonly publicUrl: string;
    /** Default `signin:<link id>`: every requested link is its own mail. */
    readonly idempotencyKey?: string;
  },
): Promise<void> {
  const { person, organisation, now } = input;
  const token = generateOpaqueToken();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  const link = await stores.signInLinks.create({
    tokenHash: hashOpaqueToken(token),
    personId: person.id,
    organisationId: organisation.id,
    purpose: input.purpose,
    access: await stores.access.accessOf(person.id),
    createdAt: now,
    expiresAt,
  });
  await enqueueMail(stores.outbox, {
    template: input.purpose === 'invitation' ? 'invitation' : 'signInLink',
    idempotencyKey: input.idempotencyKey ?? `signin:${link.id}`,
    sender: organisation,
    recipient: person,
    data: {
      signInUrl: `${input.publicUrl}${signInLinkPath(token)}`,
      expiresAt: expiresAt.toISOString(),
    },
  });
}
