import { AppError, isAppError, systemClock, type Organisation } from '@kompetenta/core';
import { importCheckedRoster, readRoster, rosterFormat, validateRoster } from '@kompetenta/reporting';
import { Router, type Request, type Response } from 'express';
import { asyncHandler } from '../../http/asyncHandler';
import { csrfToken, hasValidCsrfToken } from '../../http/csrf';
import { requirePrincipal, type Principal } from '../../session/sessionContext';
import { dashboardPage, otherLanguageHref } from '../dashboardLayout';
import { dashboardLang } from '../dashboardText';
import { viewerOf } from '../dashboardViewer';
import type { DashboardRouterDeps } from '../DashboardRouterDeps';
import { eventFormMain, eventListMain, uploadMain } from './eventPages';
import { EVENT_TEXT } from './eventText';
import { readEventForm } from './readEventForm';
import { readUpload } from './readUpload';
import { basePath } from '../../http/basePath';
import { servesOrgEvents } from '../../http/servedPages';

function send(
  req: Request,
  res: Response,
  status: number,
  title: string,
  main: Parameters<typeof dashboardPage>[2],
) {
  const principal = requirePrincipal(res);
  const lang = dashboardLang(req.query.lang);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      dashboardPage(
        lang,
        title,
        main,
        {
          name: principal.name,
          csrf: csrfToken(req, res),
          base: basePath(res),
          orgEvents: servesOrgEvents(res),
        },
        otherLanguageHref(req, lang),
      ),
    );
}

/** The organisations a principal may import people into: all for programme staff, else their own. */
async function uploadOrganisations(deps: DashboardRouterDeps, principal: Principal): Promise<Organisation[]> {
  const scope = viewerOf(principal).organisationId;
  return scope === null ? deps.stores.organisations.list() : [await deps.stores.organisations.get(scope)];
}

/** The event as 404 when the id is unknown or malformed. */
async function findEvent(deps: DashboardRouterDeps, id: string) {
  try {
    return await deps.stores.events.get(id);
  } catch (error) {
    if (isAppError(error, 'STORE_RECORD_NOT_FOUND') || isAppError(error, 'STORE_VALUE_INVALID'))
      throw new AppError('STORE_RECORD_NOT_FOUND', 'There is no such event.', { event: id });
    throw error;
  }
}

/**
 * `/dashboard/events`: the list, the create form (POST, CSRF), and per event the roster upload
 * (multipart POST, CSRF) that checks the whole file before importing anything, then imports it
 * in one transaction like `kompetenta attendance import`. An organisation's admin imports only
 * into their own organisation.
 */
export function createEventRoutes(deps: DashboardRouterDeps): Router {
  const clock = () => (deps.clock ?? systemClock).now();
  const router = Router();

  router.get(
    '/',
    asyncHandler(async (req, res) => {
      const lang = dashboardLang(req.query.lang);
      const events = (await deps.stores.events.list()).reverse();
      const created =
        typeof req.query.created === 'string' ? events.find((e) => e.id === req.query.created) : undefined;
      send(
        req,
        res,
        200,
        EVENT_TEXT[lang].events,
        eventListMain(basePath(res), events, lang, created ? EVENT_TEXT[lang].created(created.title) : null),
      );
    }),
  );

  router.get(
    '/new',
    asyncHandler(async (req, res) => {
      const lang = dashboardLang(req.query.lang);
      send(
        req,
        res,
        200,
        EVENT_TEXT[lang].newEvent,
        eventFormMain(basePath(res), lang, csrfToken(req, res), await deps.stores.events.list()),
      );
    }),
  );

  router.post(
    '/',
    asyncHandler(async (req, res) => {
      if (!hasValidCsrfToken(req, res)) throw new AppError('SESSION_CSRF_INVALID');
      const principal = requirePrincipal(res);
      const lang = dashboardLang(req.query.lang);
      const events = await deps.stores.events.list();
      const body = (req.body ?? {}) as Record<string, unknown>;
      const { event, problems } = readEventForm(body, new Set(events.map((e) => e.id)));
      if (!event) {
        const values = Object.fromEntries(
          Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        );
        send(
          req,
          res,
          422,
          EVENT_TEXT[lang].newEvent,
          eventFormMain(basePath(res), lang, csrfToken(req, res), events, values, problems),
        );
        return;
      }
      const created = await deps.stores.transaction(async (stores) => {
        const row = await stores.events.create(event);
        await stores.audit.append({
          actor: `person:${principal.personId}`,
          action: 'event.create',
          subject: `event:${row.id}`,
          organisationId: principal.organisationId,
          details: { type: row.type, title: row.title, startsAt: row.startsAt.toISOString() },
        });
        return row;
      });
      res.redirect(
        303,
        `${basePath(res)}/dashboard/events?created=${created.id}${lang === 'en' ? '&lang=en' : ''}`,
      );
    }),
  );

  router.get(
    '/:id/attendance/upload',
    asyncHandler(async (req, res) => {
      const lang = dashboardLang(req.query.lang);
      const event = await findEvent(deps, req.params.id ?? '');
      const organisations = await uploadOrganisations(deps, requirePrincipal(res));
      send(
        req,
        res,
        200,
        EVENT_TEXT[lang].rosterFor(event.title),
        uploadMain(basePath(res), lang, csrfToken(req, res), event, organisations),
      );
    }),
  );

  router.post(
    '/:id/attendance/upload',
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const lang = dashboardLang(req.query.lang);
      const form = await readUpload(req);
      req.body = form.fields; // the CSRF check reads the token from the body
      if (!hasValidCsrfToken(req, res)) throw new AppError('SESSION_CSRF_INVALID');
      const event = await findEvent(deps, req.params.id ?? '');
      const organisations = await uploadOrganisations(deps, principal);
      const organisation = organisations.find((o) => o.id === form.fields.organisation);
      if (!organisation) {
        if (viewerOf(principal).organisationId !== null && form.fields.organisation)
          throw new AppError('REPORT_SCOPE_FORBIDDEN', undefined, { organisation: form.fields.organisation });
        throw new AppError('EVENT_ROSTER_UNREADABLE', 'Choose the organisation the people belong to.');
      }
      const title = EVENT_TEXT[lang].rosterFor(event.title);
      const csrf = csrfToken(req, res);
      const format = form.file ? rosterFormat(form.file.name) : undefined;
      if (!form.file || !format) {
        send(
          req,
          res,
          422,
          title,
          uploadMain(basePath(res), lang, csrf, event, organisations, {
            fileProblem: 'Choose a .csv or .xlsx file.',
          }),
        );
        return;
      }
      let check;
      try {
        check = validateRoster(await readRoster(form.file.bytes, format), {
          organisationName: organisation.name,
        });
      } catch (error) {
        if (!isAppError(error, 'EVENT_ROSTER_UNREADABLE')) throw error;
        send(
          req,
          res,
          422,
          title,
          uploadMain(basePath(res), lang, csrf, event, organisations, { fileProblem: error.message }),
        );
        return;
      }
      if (check.problems.length > 0) {
        send(
          req,
          res,
          422,
          title,
          uploadMain(basePath(res), lang, csrf, event, organisations, { problems: check.problems }),
        );
        return;
      }
      const result = await importCheckedRoster(deps.stores, check, {
        event,
        organisation,
        now: clock(),
        actor: `person:${principal.personId}`,
        file: form.file.name.slice(0, 200),
      });
      send(req, res, 200, title, uploadMain(basePath(res), lang, csrf, event, organisations, { result }));
    }),
  );
  return router;
}
