import type { ErrorCode } from '@kompetenta/core';
import type { ErrorRequestHandler } from 'express';
import { asHttpAppError } from '../http/asHttpAppError';
import { csrfToken } from '../http/csrf';
import type { LtiLogger } from '../LtiRouterOptions';
import { html } from '../pages/layout';
import { principalOf } from '../session/sessionContext';
import { standalonePage } from './standalonePage';
import { basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/** Heading and what to do, in Swedish, for the errors a person can meet on these pages. */
const TEXTS: Partial<Record<ErrorCode, { heading: string; todo: string }>> = {
  SIGNIN_LINK_INVALID: {
    heading: 'Länken fungerar inte',
    todo: 'Kontrollera att hela länken kom med, eller be om en ny inloggningslänk.',
  },
  SIGNIN_LINK_USED: {
    heading: 'Länken är redan använd',
    todo: 'En inloggningslänk fungerar bara en gång. Be om en ny inloggningslänk.',
  },
  SIGNIN_LINK_EXPIRED: {
    heading: 'Länken har gått ut',
    todo: 'Be om en ny inloggningslänk. Den kommer till din e-post.',
  },
  SIGNIN_RATE_LIMITED: {
    heading: 'För många försök',
    todo: 'Vänta en stund och försök igen.',
  },
  SESSION_CSRF_INVALID: {
    heading: 'Formuläret kunde inte skickas',
    todo: 'Sidan var för gammal eller kom från en annan webbplats. Ladda om sidan och försök igen.',
  },
};

/**
 * The error middleware of the first-party pages: JSON for API clients, otherwise an accessible
 * Swedish page with the status; unexpected errors are logged and never shown.
 */
export function createStandaloneErrorMiddleware(logger: LtiLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = asHttpAppError(error);
    const entry = { code: known.code, path: req.path, details: known.details };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'request failed');
    else logger.warn(entry, 'request rejected');
    const retryAfter = (known.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
    res.status(known.httpStatus).set('Cache-Control', 'no-store');
    if (req.accepts(['html', 'json']) !== 'html') {
      res.json({ status: known.httpStatus, code: known.code, message: known.message });
      return;
    }
    const text = TEXTS[known.code] ?? { heading: 'Något gick fel', todo: 'Försök igen om en stund.' };
    const main = html`<p>${text.todo}</p>
      <p><a href="${basePath(res)}/signin">Be om en ny inloggningslänk</a></p>
      <p>Felkod: <span class="code">${known.code}</span></p>`;
    res.type('html').send(
      standalonePage(text.heading, text.heading, main, {
        principal: principalOf(res),
        csrf: csrfToken(req, res),
        base: basePath(res),
        orgEvents: servesOrgEvents(res),
      }),
    );
  };
}
