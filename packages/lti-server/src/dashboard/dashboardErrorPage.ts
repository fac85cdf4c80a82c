import type { ErrorRequestHandler } from 'express';
import { asHttpAppError } from '../http/asHttpAppError';
import { csrfToken } from '../http/csrf';
import type { LtiLogger } from '../LtiRouterOptions';
import { html } from '../pages/layout';
import { principalOf } from '../session/sessionContext';
import { dashboardPage } from './dashboardLayout';
import { dashboardLang } from './dashboardText';
import { basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

const HEADINGS: Readonly<Record<number, { sv: string; en: string }>> = {
  400: { sv: 'Det gick inte att visa', en: 'This could not be shown' },
  403: { sv: 'Ingen åtkomst', en: 'No access' },
  404: { sv: 'Hittades inte', en: 'Not found' },
  429: { sv: 'För många förfrågningar', en: 'Too many requests' },
};

/**
 * Errors of the dashboard pages and downloads as an accessible page in the page's language with
 * the code; internals of unexpected errors stay in the log. A download that fails after its first
 * byte can only be cut short.
 */
export function dashboardErrorMiddleware(logger: LtiLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const known = asHttpAppError(error);
    const entry = { code: known.code, path: req.path, details: known.details, message: known.message };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'dashboard request failed');
    else logger.warn(entry, 'dashboard request refused');
    if (res.headersSent) {
      res.destroy(error instanceof Error ? error : undefined);
      next();
      return;
    }
    const lang = dashboardLang((req.query as Record<string, unknown>).lang);
    const heading =
      HEADINGS[known.httpStatus]?.[lang] ?? (lang === 'sv' ? 'Något gick fel' : 'Something went wrong');
    const wait = known.details?.retryAfterSeconds;
    if (known.httpStatus === 429 && typeof wait === 'number') res.set('Retry-After', String(wait));
    const principal = principalOf(res);
    const main = html`<p class="problem">${known.message}</p>
      <p>${lang === 'sv' ? 'Felkod' : 'Error code'}: <span class="code">${known.code}</span></p>
      <p>
        <a href="${basePath(res)}/dashboard${lang === 'en' ? '?lang=en' : ''}"
          >${lang === 'sv' ? 'Till översikten' : 'To the dashboard'}</a
        >
      </p>`;
    res
      .status(known.httpStatus)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        dashboardPage(
          lang,
          heading,
          main,
          {
            name: principal?.name ?? null,
            csrf: csrfToken(req, res),
            base: basePath(res),
            orgEvents: servesOrgEvents(res),
          },
          `${req.path}?lang=${lang === 'sv' ? 'en' : 'sv'}`,
        ),
      );
  };
}
