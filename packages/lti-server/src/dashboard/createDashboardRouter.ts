import { AppError, systemClock } from '@kompetenta/core';
import express, { Router } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { csrfToken } from '../http/csrf';
import type { DashboardRouterDeps, DashboardRouterOptions } from './DashboardRouterDeps';
import { readExportRequest } from '../exports/exportRequest';
import { ExportRateLimits } from '../exports/exportRateLimits';
import { streamExport } from '../exports/streamExport';
import { loadSession } from '../session/loadSession';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal } from '../session/sessionContext';
import { dashboardErrorMiddleware } from './dashboardErrorPage';
import { dashboardPage, otherLanguageHref } from './dashboardLayout';
import { DASHBOARD_TEXT, dashboardLang } from './dashboardText';
import { sessionExportPrincipal, viewerOf } from './dashboardViewer';
import { createEventRoutes } from './events/eventRoutes';
import { loadDashboard } from './loadDashboard';
import { failedMessagesFor } from './outbox/failedMessages';
import { createOutboxRoutes } from './outbox/outboxRoutes';
import { DASHBOARD_EXPORT_PATH, renderDashboard } from './renderDashboard';
import { basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/**
 * The staff dashboard (`/dashboard`): targets, gender-split charts with their tables, filters, and
 * downloads of the same exports as the API, signed in with a session. Programme staff see the
 * whole programme; an organisation's admin only their organisation, whatever the address or
 * filter says. Events and roster uploads live under `/dashboard/events`. Mount at the root.
 */
export function createDashboardRouter(deps: DashboardRouterDeps, options: DashboardRouterOptions): Router {
  // Counted in the database, so every instance shares one allowance per person.
  const downloads = new ExportRateLimits(deps.stores, options.exportsPerMinute ?? 30);
  const router = Router();
  router.use('/dashboard', loadSession(deps, options), requireAccess('org_admin', 'programme_staff'));
  router.get(
    '/dashboard',
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const lang = dashboardLang(req.query.lang);
      const data = await loadDashboard(deps, viewerOf(principal), req.query);
      const failedMessages = (await failedMessagesFor(deps, viewerOf(principal))).length;
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          dashboardPage(
            lang,
            DASHBOARD_TEXT[lang].title,
            renderDashboard(basePath(res), data, lang),
            {
              name: principal.name,
              csrf: csrfToken(req, res),
              base: basePath(res),
              failedMessages,
              orgEvents: servesOrgEvents(res),
            },
            otherLanguageHref(req, lang),
          ),
        );
    }),
  );
  router.get(
    `${DASHBOARD_EXPORT_PATH}/:file`,
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const wait = await downloads.takeDownload(principal.personId, (deps.clock ?? systemClock).now());
      if (wait > 0) throw new AppError('REPORT_RATE_LIMITED', undefined, { retryAfterSeconds: wait });
      const query = Object.fromEntries(
        Object.entries(req.query).filter(([key, value]) => key !== 'lang' && value !== ''),
      );
      const request = readExportRequest(req.params.file ?? '', query);
      await streamExport(deps, sessionExportPrincipal(principal), request, res);
    }),
  );
  router.use(
    '/dashboard/events',
    express.urlencoded({ extended: false, limit: '32kb' }),
    createEventRoutes(deps),
  );
  router.use(
    '/dashboard/outbox',
    express.urlencoded({ extended: false, limit: '4kb' }),
    createOutboxRoutes(deps),
  );
  router.use('/dashboard', dashboardErrorMiddleware(deps.logger));
  return router;
}
