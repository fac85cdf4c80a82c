import type { WebAccess } from './WebSession';

/**
 * Why a sign-in link was made: an invitation mail (long-lived), a link the person asked for on the
 * sign-in page (short-lived), or a handoff from an LTI launch to the staff pages (very short-lived).
 */
export const SIGN_IN_PURPOSES = ['invitation', 'request', 'handoff'] as const;
/** One of {@link SIGN_IN_PURPOSES}. */
export type SignInPurpose = (typeof SIGN_IN_PURPOSES)[number];

/** A single-use, expiring link bound to one person. Only the SHA-256 of its token is stored. */
export interface SignInLink {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly purpose: SignInPurpose;
  /** The access the session made from this link gets. */
  readonly access: WebAccess;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** When it was used; a used link never signs anyone in again. */
  readonly usedAt: Date | null;
}

/**
 * A link to store: the SHA-256 (`tokenHash`) of its random token (the token goes only into the
 * link), whom it signs in, with which access, and until when.
 */
export interface NewSignInLink {
  readonly tokenHash: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly purpose: SignInPurpose;
  readonly access: WebAccess;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** A person invited by an organisation admin (once per person; inviting again changes nothing). */
export interface Invitation {
  readonly personId: string;
  readonly organisationId: string;
  /** The admin who invited; null when invited from the command line. */
  readonly invitedBy: string | null;
  readonly invitedAt: Date;
}
