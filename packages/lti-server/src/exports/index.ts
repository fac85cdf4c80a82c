export { createExportRouter, EXPORT_API_PATH } from './createExportRouter';
export type { ExportDeps, ExportRouterOptions } from './ExportDeps';
export type { ExportPrincipal } from './ExportPrincipal';
export {
  EXPORT_NAMES,
  PARTICIPANTS_EXPORT,
  readExportRequest,
  scopeFilter,
  type ExportRequest,
} from './exportRequest';
export { streamExport, auditFilter } from './streamExport';
export { exportErrorMiddleware } from './exportErrorMiddleware';
export { RateLimiter } from './RateLimiter';
