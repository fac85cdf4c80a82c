import type { ExportDeps } from '../exports/ExportDeps';
import type { WebSessionOptions } from '../session/WebSessionOptions';
import type { DashboardDeps } from './loadDashboard';

/** The dashboard's needs: the export deps (stores, reporting, key, threshold, logger, clock) and targets. */
export type DashboardRouterDeps = ExportDeps & DashboardDeps;

/** Settings of the dashboard: the sessions' public URL and the download limit. */
export interface DashboardRouterOptions extends WebSessionOptions {
  /** Downloads one person may start per minute (default 30). */
  readonly exportsPerMinute?: number;
}
