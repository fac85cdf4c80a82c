import { AppError } from '@kompetenta/core';
import { asHttpAppError, basePath } from '@kompetenta/lti-server/internal';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from './requestLogFields';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** An accessible error page: language set, one heading, the message, a way back. */
function errorPage(status: number, message: string, home: string): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fel ${status} – Kompetenta</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b5394}a:focus{outline:3px solid #0b5394;outline-offset:2px}</style>
</head><body><main><h1>Något gick fel (${status})</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(home)}">Till startsidan</a></p></main></body></html>`;
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('APP_ROUTE_NOT_FOUND', `There is no page at ${req.method} ${req.path}.`));
};

/**
 * The one error middleware, last in the chain: JSON `{ status, code, message, details? }` for API
 * clients, an accessible page for browsers. Unexpected errors are logged and answered without
 * their internals.
 */
export function createErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // The same mapping as lti-server's middlewares: a body over its limit is 413, not 400.
    const known = asHttpAppError(error);
    if (known.httpStatus >= 500) logger.error({ err: error, path: redactUrl(req.path) }, 'request failed');
    else logger.info({ code: known.code, path: redactUrl(req.path) }, known.message);
    res.status(known.httpStatus);
    if (req.accepts(['json', 'html']) === 'html') {
      res.type('html').send(errorPage(known.httpStatus, known.message, `${basePath(res)}/`));
    } else {
      res.json(known.toJSON());
    }
  };
}
