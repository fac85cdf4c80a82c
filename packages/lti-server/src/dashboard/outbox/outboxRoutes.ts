import { AppError } from '@kompetenta/core';
import { Router, type Request, type Response } from 'express';
import { asyncHandler } from '../../http/asyncHandler';
import { csrfToken, hasValidCsrfToken } from '../../http/csrf';
import { requirePrincipal } from '../../session/sessionContext';
import { dashboardPage, otherLanguageHref } from '../dashboardLayout';
import { dashboardLang } from '../dashboardText';
import { viewerOf } from '../dashboardViewer';
import type { DashboardRouterDeps } from '../DashboardRouterDeps';
import { failedMessagesFor, gradeSubjectsOf } from './failedMessages';
import { outboxMain } from './outboxPage';
import { OUTBOX_TEXT } from './outboxText';
import { basePath } from '../../http/basePath';
import { servesOrgEvents } from '../../http/servedPages';

function readId(text: string | undefined): number | null {
  const id = Number(text);
  return text !== undefined && /^\d{1,15}$/.test(text) && Number.isSafeInteger(id) ? id : null;
}

function notFound(id: string | undefined): AppError {
  return new AppError('STORE_RECORD_NOT_FOUND', 'There is no such failed message.', { id });
}

/**
 * `/dashboard/outbox`: grades and e-mails the receiver refused for good, and per message a
 * "try again" form (POST, CSRF) that queues it again like `kompetenta outbox retry`, audited with
 * the person. An organisation's admin sees and retries only their organisation's messages; any
 * other id is 404, the same as an unknown one, so ids of other organisations reveal nothing.
 */
export function createOutboxRoutes(deps: DashboardRouterDeps): Router {
  const router = Router();

  router.get(
    '/',
    asyncHandler(async (req: Request, res: Response) => {
      const principal = requirePrincipal(res);
      const lang = dashboardLang(req.query.lang);
      const messages = await failedMessagesFor(deps, viewerOf(principal));
      const platforms = messages.some((message) => message.topic === 'grade')
        ? await deps.stores.tenants.listPlatforms()
        : [];
      const platformNames = new Map(platforms.map((platform) => [platform.id, platform.name]));
      const grades = await gradeSubjectsOf(deps, messages);
      const requeued = readId(typeof req.query.requeued === 'string' ? req.query.requeued : undefined);
      const csrf = csrfToken(req, res);
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          dashboardPage(
            lang,
            OUTBOX_TEXT[lang].title,
            outboxMain(basePath(res), messages, lang, csrf, { platforms: platformNames, grades }, requeued),
            {
              name: principal.name,
              csrf,
              base: basePath(res),
              failedMessages: messages.length,
              orgEvents: servesOrgEvents(res),
            },
            otherLanguageHref(req, lang),
          ),
        );
    }),
  );

  router.post(
    '/:id/retry',
    asyncHandler(async (req: Request, res: Response) => {
      if (!hasValidCsrfToken(req, res)) throw new AppError('SESSION_CSRF_INVALID');
      const principal = requirePrincipal(res);
      const lang = dashboardLang(req.query.lang);
      const id = readId(req.params.id);
      if (id === null) throw notFound(req.params.id);
      const scope = viewerOf(principal).organisationId;
      await deps.stores.transaction(async (stores) => {
        const visible = (await failedMessagesFor({ stores }, { organisationId: scope })).some(
          (message) => message.id === id,
        );
        if (!visible) throw notFound(req.params.id);
        const result = await stores.outbox.requeue(id);
        if (!result?.requeued) throw notFound(req.params.id);
        const { message } = result;
        await stores.audit.append({
          actor: `person:${principal.personId}`,
          action: 'outbox.retry',
          subject: `outbox:${id}`,
          organisationId: message.organisationId,
          details: {
            topic: message.topic,
            idempotencyKey: message.idempotencyKey,
            lastError: message.lastError,
            via: 'dashboard',
          },
        });
      });
      res.redirect(303, `${basePath(res)}/dashboard/outbox?requeued=${id}${lang === 'en' ? '&lang=en' : ''}`);
    }),
  );

  return router;
}
