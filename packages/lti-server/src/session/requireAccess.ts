import { AppError, type WebAccess } from '@kompetenta/core';
import type { Request, RequestHandler, Response } from 'express';
import { csrfToken } from '../http/csrf';
import { html } from '../pages/layout';
import { standalonePage } from '../standalone/standalonePage';
import { principalOf } from './sessionContext';
import { appPath, basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/** Where a person without a session is sent; `next` brings them back after sign-in. */
export const SIGN_IN_PATH = '/signin';

function wantsHtml(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'html';
}

function sendJsonError(res: Response, error: AppError): void {
  res
    .status(error.httpStatus)
    .set('Cache-Control', 'no-store')
    .json({ status: error.httpStatus, code: error.code, message: error.message });
}

/** Only local paths come back from `next`, so the sign-in page cannot be an open redirect. */
export function safeNextPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : null;
}

/**
 * Lets the request through when a session with one of `levels` is loaded. No session: HTML
 * requests are redirected (303) to the sign-in page, others get 401 SESSION_COOKIE_MISSING. Wrong
 * level: 403 SESSION_ACCESS_DENIED as an accessible page or JSON. Mount after `loadSession`.
 */
export function requireAccess(...levels: readonly WebAccess[]): RequestHandler {
  return (req, res, next) => {
    const principal = principalOf(res);
    if (principal && levels.includes(principal.access)) {
      next();
      return;
    }
    if (!principal) {
      if (wantsHtml(req)) {
        const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
        res.set('Cache-Control', 'no-store').redirect(303, `${appPath(res, SIGN_IN_PATH)}${back}`);
      } else sendJsonError(res, new AppError('SESSION_COOKIE_MISSING'));
      return;
    }
    const denied = new AppError('SESSION_ACCESS_DENIED', undefined, {
      access: principal.access,
      needs: levels,
    });
    if (!wantsHtml(req)) {
      sendJsonError(res, denied);
      return;
    }
    const main = html`<p>Du är inloggad, men ditt konto har inte tillgång till den här sidan.</p>
      <p>Om du behöver tillgång kan du fråga den som administrerar Kompetenta i din organisation.</p>
      <p><a href="${basePath(res)}/courses">Till dina kurser</a></p>`;
    res
      .status(403)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        standalonePage('Ingen åtkomst', 'Ingen åtkomst', main, {
          principal,
          csrf: csrfToken(req, res),
          base: basePath(res),
          orgEvents: servesOrgEvents(res),
        }),
      );
  };
}
