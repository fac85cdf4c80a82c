import {
  AppError,
  hashOpaqueToken,
  isOpaqueToken,
  type SignInLink,
  type SignInPurpose,
  type Stores,
} from '@kompetenta/core';

/**
 * Why a link cannot be used, without consuming anything: SIGNIN_LINK_INVALID (malformed, unknown,
 * or issued for another purpose), SIGNIN_LINK_USED, SIGNIN_LINK_EXPIRED; null when it is usable.
 */
export function linkProblem(
  link: SignInLink | null,
  purposes: readonly SignInPurpose[],
  now: Date,
): AppError | null {
  if (!link || !purposes.includes(link.purpose)) return new AppError('SIGNIN_LINK_INVALID');
  if (link.usedAt !== null) return new AppError('SIGNIN_LINK_USED');
  if (link.expiresAt.getTime() <= now.getTime()) return new AppError('SIGNIN_LINK_EXPIRED');
  return null;
}

/** Reads a link by its token for display (GET), consuming nothing. */
export async function findSignInLink(stores: Stores, token: string): Promise<SignInLink | null> {
  return isOpaqueToken(token) ? stores.signInLinks.find(hashOpaqueToken(token)) : null;
}

/**
 * Consumes the link (exactly once, even under concurrent posts) or throws why it cannot be used.
 * Run inside the transaction that starts the session, so a failed start leaves the link unused.
 */
export async function consumeSignInLink(
  stores: Stores,
  token: string,
  purposes: readonly SignInPurpose[],
  now: Date,
): Promise<SignInLink> {
  const consumed = isOpaqueToken(token)
    ? await stores.signInLinks.consume(hashOpaqueToken(token), now)
    : null;
  if (consumed && purposes.includes(consumed.purpose)) return consumed;
  // Not consumable: say why, from the stored row (a purpose mismatch would have been consumed
  // above; the surrounding transaction rolls that back when this throws).
  throw linkProblem(await findSignInLink(stores, token), purposes, now) ?? new AppError('SIGNIN_LINK_USED');
}
