/**
 * What a signed-in browser may do: a standalone learner, an organisation's admin (invites people,
 * sees their progress), or programme staff (every organisation).
 */
export const WEB_ACCESS_LEVELS = ['learner', 'org_admin', 'programme_staff'] as const;
/** One of {@link WEB_ACCESS_LEVELS}, ordered from least to most access. */
export type WebAccess = (typeof WEB_ACCESS_LEVELS)[number];

/** Access a person can be granted on top of being a learner. */
export type GrantedAccess = Exclude<WebAccess, 'learner'>;

/**
 * A first-party browser session. The random session id travels only in the cookie; the store
 * keeps its SHA-256 (`idHash`), so a database dump cannot be replayed as cookies.
 */
export interface WebSession {
  readonly idHash: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly access: WebAccess;
  /** The person's name, read with the session (null after a privacy erasure). */
  readonly personName: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
}

/**
 * A session to store, keyed by the SHA-256 (`idHash`) of its random id; `expiresAt` is when it
 * stops signing the person in. The store sets `lastSeenAt` to `createdAt`.
 */
export interface NewWebSession {
  readonly idHash: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly access: WebAccess;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}
