import { createDashboardRouter, createExportRouter } from '@kompetenta/lti-server';
import { KnexReportingStore, type Database } from '@kompetenta/storage';
import type { Router } from 'express';
import type { Logger } from 'pino';

/** Settings of the reporting routes, from the configuration. */
export interface ReportingRouteSettings {
  /** Resolved on the first participants export (REPORT_PSEUDONYM_KEY, or the key kept in DATA_DIR). */
  readonly pseudonymKey: () => string;
  readonly suppressionThreshold: number;
  /** PUBLIC_URL: the dashboard's session cookies are Secure when it is https. */
  readonly publicUrl: string;
}

/** The export API and the staff dashboard on the app's database. */
export function createReportingRouters(
  database: Database,
  logger: Logger,
  settings: ReportingRouteSettings,
): Router[] {
  const reporting = new KnexReportingStore(database.knex);
  let key: string | undefined;
  const deps = {
    stores: database.stores,
    reporting,
    pseudonymKey: () => (key ??= settings.pseudonymKey()),
    suppressionThreshold: settings.suppressionThreshold,
    logger,
  };
  return [createExportRouter(deps), createDashboardRouter(deps, { publicUrl: settings.publicUrl })];
}
