import type { Clock, ReportingStore, Stores } from '@kompetenta/core';
import type { LtiLogger } from '../LtiRouterOptions';

/** What the export routes need from the composition root. */
export interface ExportDeps {
  /** `apiTokens` (bearer tokens) and `audit` (every export is recorded). */
  readonly stores: Stores;
  /** The aggregate and per-participant queries (KnexReportingStore from @kompetenta/storage). */
  readonly reporting: ReportingStore;
  /**
   * The key of the pseudonymous participant ids; asked for only when a participants export runs,
   * so a missing key in production fails that export alone (REPORT_PSEUDONYM_KEY_MISSING).
   */
  readonly pseudonymKey: () => string;
  /** Small-cell suppression threshold (REPORT_SUPPRESSION_THRESHOLD; default 5, never below 3). */
  readonly suppressionThreshold?: number;
  readonly logger: LtiLogger;
  readonly clock?: Clock;
}

/** Limits of the export routes. */
export interface ExportRouterOptions {
  /** Exports one token may start per minute (default 30). */
  readonly exportsPerMinute?: number;
  /** Failed authentications one client address may make per minute (default 20). */
  readonly failedAuthPerMinute?: number;
}
