/**
 * A bearer token for the export API. It belongs to one organisation (it sees only that
 * organisation's rows) or, with `organisationId` null, to the whole programme (programme staff).
 * The secret itself is never stored: only its SHA-256 hash.
 */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  /** The tenant the token is limited to; null: programme-wide (programme staff scope). */
  readonly organisationId: string | null;
  /** Who made it: a person's name, `cli`, or a staff user id. */
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/**
 * A token to store: its name, scope (`organisationId`, null for programme-wide) and creator. The
 * caller keeps the secret and passes only its hash.
 */
export interface NewApiToken {
  readonly name: string;
  readonly organisationId: string | null;
  readonly createdBy: string;
  /** Hex SHA-256 of the secret (see `hashApiTokenSecret`). */
  readonly secretHash: string;
}
