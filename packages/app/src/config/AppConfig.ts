/** The typed configuration of a Kompetenta process, read once from the environment. */
export interface AppConfig {
  readonly port: number;
  /** Interface to listen on; undefined listens on all. */
  readonly host: string | undefined;
  /** The base URL LMSs and browsers use to reach this tool (no trailing slash). */
  readonly publicUrl: string;
  /** PostgreSQL URL; undefined means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolMax: number;
  readonly dataDir: string;
  readonly coursesDir: string;
  /**
   * Where `npm start` builds the SCORM zips the player serves (PACKAGES_DIR, default
   * `DATA_DIR/packages`). Several app instances may share it: zips are renamed into place whole.
   */
  readonly packagesDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Longest wait for in-flight requests on shutdown before connections are cut. */
  readonly shutdownTimeoutMs: number;
  readonly environment: 'development' | 'production' | 'test';
  /**
   * 32-byte key that encrypts the tool's and platforms' private keys at rest. Undefined outside
   * production: a key is then generated once into `DATA_DIR/secrets/` (see ltiEncryptionKey.ts).
   */
  readonly ltiEncryptionKey: Buffer | undefined;
  /** LTI_AUTO_APPROVE=true: dynamic registrations are approved at once (development only). */
  readonly ltiAutoApprove: boolean;
  /** `smtp://` or `smtps://` URL; undefined writes every e-mail as an `.eml` file in `DATA_DIR/outbox/`. */
  readonly smtpUrl: string | undefined;
  /** Sender address of every e-mail (each organisation's name is the display name). */
  readonly mailFrom: string;
  /** REMINDER_DAYS: days after a course start when an unfinished course gets a reminder (default 7 and 14; empty: none). */
  readonly reminderDays: readonly number[];
  /**
   * Key (≥ 32 characters) of the HMAC that turns person ids into pseudonymous participant ids in
   * the per-participant export. Undefined outside production: one is generated once into
   * `DATA_DIR/secrets/` (see reportPseudonymKey.ts); production must set it for that export.
   */
  readonly reportPseudonymKey: string | undefined;
  /** Small-cell suppression threshold k of every report and export (≥ 3, default 5). */
  readonly reportSuppressionThreshold: number;
  /**
   * CHECKIN_SECRET (≥ 32 characters): HS256 secret of check-in links. Undefined: one is made once
   * into `DATA_DIR/secrets/checkin.key` (see checkinSecret.ts); several instances must share one.
   */
  readonly checkinSecret: string | undefined;
  /**
   * ATTEMPT_TOKEN_SECRET (≥ 32 characters): HS256 secret of the player's attempt tokens. Undefined:
   * one is made once into `DATA_DIR/secrets/attempt-token.key` (see attemptTokenSecret.ts).
   */
  readonly attemptTokenSecret: string | undefined;
  /**
   * RETENTION_MONTHS: people inactive longer than this are erased by the daily job and
   * `kompetenta person purge-expired`. Undefined: nobody is erased automatically.
   */
  readonly retentionMonths: number | undefined;
  /**
   * TLS_CERT and TLS_KEY: PEM files of a certificate and its key; when set, Kompetenta serves HTTPS
   * itself (otherwise plain HTTP, for a TLS-terminating proxy in front).
   */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /**
   * Mount the platform emulator at /dev/platform (development only: NODE_ENV=development, the
   * default, unless DEV_PLATFORM=false). Never in production or test.
   */
  readonly devPlatform: boolean;
}
