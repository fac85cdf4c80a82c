/** Settings of the check-in form (`LtiRouterDeps.checkin`). */
export interface CheckinSettings {
  /**
   * HS256 secret (at least 32 bytes) of check-in links. The app keeps one in
   * `DATA_DIR/secrets/checkin.key` or takes CHECKIN_SECRET; without it a random secret lives as
   * long as the process (printed links die with a restart: fine for tests only).
   */
  readonly secret?: Uint8Array;
  /** Form posts one client address may make per window (default 60: a whole room on one Wi-Fi). */
  readonly postsPerWindow?: number;
  /** The rate-limit window in milliseconds (default 10 minutes). */
  readonly windowMs?: number;
}
