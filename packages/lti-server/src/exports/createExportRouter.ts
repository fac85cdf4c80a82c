import { Router } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { bearerPrincipal, exportPrincipalOf } from './bearerPrincipal';
import type { ExportDeps, ExportRouterOptions } from './ExportDeps';
import { exportErrorMiddleware } from './exportErrorMiddleware';
import { EXPORT_NAMES, EXPORT_QUERY_KEYS, readExportRequest } from './exportRequest';
import { ExportRateLimits } from './exportRateLimits';
import { streamExport } from './streamExport';

/** Where the export API lives (docs/reference/http-api.md). */
export const EXPORT_API_PATH = '/api/exports';

/**
 * The export API for scripts: `GET /api/exports` lists the exports, and
 * `GET /api/exports/<report>.csv|.xlsx?from=&to=&course=&eventType=&county=&organisation=&separator=semicolon`
 * streams one, authenticated with `Authorization: Bearer <API token>`. An organisation's token
 * only ever sees that organisation. Mount at the root of the app.
 */
export function createExportRouter(deps: ExportDeps, options: ExportRouterOptions = {}): Router {
  const limits = new ExportRateLimits(
    deps.stores,
    options.exportsPerMinute ?? 30,
    options.failedAuthPerMinute ?? 20,
  );
  const authenticate = bearerPrincipal(deps, limits);
  const router = Router();
  router.get(EXPORT_API_PATH, authenticate, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({
      exports: EXPORT_NAMES,
      formats: ['csv', 'xlsx'],
      filters: EXPORT_QUERY_KEYS,
    });
  });
  router.get(
    `${EXPORT_API_PATH}/:file`,
    authenticate,
    asyncHandler(async (req, res) => {
      const request = readExportRequest(req.params.file ?? '', req.query);
      await streamExport(deps, exportPrincipalOf(res), request, res);
    }),
  );
  router.use(EXPORT_API_PATH, exportErrorMiddleware(deps.logger));
  return router;
}
