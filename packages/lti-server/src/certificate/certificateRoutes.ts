import { AppError, isAppError, systemClock } from '@kompetenta/core';
import { Router, urlencoded } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { csrfToken } from '../http/csrf';
import { html } from '../pages/layout';
import { requireAccess } from '../session/requireAccess';
import { principalOf, requirePrincipal } from '../session/sessionContext';
import type { StandaloneDeps } from '../standalone/StandaloneOptions';
import { standalonePage } from '../standalone/standalonePage';
import { courseHours } from './completionMail';
import { OPT_OUT_PATH, verifyOptOutToken } from './mailLinks';
import { basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/** On paper only the certificate: no menu, no buttons, black on white, full width. */
const PRINT_STYLE =
  '.certificate{border:3px double #1a1a1a;padding:2rem;margin:1rem 0;text-align:center}' +
  '.certificate .name{font-size:1.8rem;font-weight:700}.certificate dl{display:inline-grid;grid-template-columns:auto auto;gap:.25rem 1rem;text-align:left}' +
  '.certificate dt{font-weight:600}.certificate dd{margin:0}' +
  '@media print{header,footer,nav,form,.no-print,a[href="#innehall"]{display:none!important}body{max-width:none;color:#000}.certificate{border-color:#000}}';

function formatDate(at: Date): string {
  return at.toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

function formatHours(hours: number): string {
  return `${String(hours).replace('.', ',')} ${hours === 1 ? 'timme' : 'timmar'}`;
}

/**
 * `/certificate/:attemptId` (signed in: the learner's own, or an organisation admin's for their
 * organisation) and `/mail/opt-out?token=` (GET confirms, POST records; also RFC 8058 one-click).
 */
export function createCertificateRoutes(deps: StandaloneDeps): Router {
  const clock = deps.clock ?? systemClock;
  const router = Router();

  router.get(
    '/certificate/:attemptId',
    requireAccess('learner', 'org_admin', 'programme_staff'),
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const attempt = await deps.stores.attempts
        .get(principal.organisationId, req.params.attemptId ?? '')
        .catch((error: unknown) => {
          throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
            ? new AppError('APP_ROUTE_NOT_FOUND', 'No such certificate.')
            : error;
        });
      const mayView = attempt.personId === principal.personId || principal.access !== 'learner';
      if (!mayView || attempt.completedAt === null || attempt.successStatus === 'failed')
        throw new AppError('APP_ROUTE_NOT_FOUND', 'No such certificate.');
      const [person, organisation, version] = await Promise.all([
        deps.stores.people.get(attempt.organisationId, attempt.personId),
        deps.stores.organisations.get(attempt.organisationId),
        deps.stores.courses.getVersion(attempt.courseVersionId),
      ]);
      const main = html`<section class="certificate" aria-labelledby="intyg-rubrik">
          <h2 id="intyg-rubrik">Kursintyg</h2>
          <p>Härmed intygas att</p>
          <p class="name">${person.name ?? person.email ?? 'deltagaren'}</p>
          <p>har genomfört kursen</p>
          <p class="name">${version.outline.title}</p>
          <dl>
            <dt>Datum</dt>
            <dd>${formatDate(attempt.completedAt)}</dd>
            <dt>Omfattning</dt>
            <dd>${formatHours(courseHours(version.outline.lessons))}</dd>
            <dt>Organisation</dt>
            <dd>${organisation.name}</dd>
          </dl>
        </section>
        <p class="no-print">Skriv ut intyget med webbläsarens utskrift (Ctrl+P, på Mac Cmd+P).</p>`;
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          standalonePage(
            `Intyg ${version.outline.title}`,
            'Intyg',
            main,
            { principal, csrf: csrfToken(req, res), base: basePath(res), orgEvents: servesOrgEvents(res) },
            PRINT_STYLE,
          ),
        );
    }),
  );

  const personOf = (token: unknown): string => {
    const personId =
      deps.attemptTokenSecret && typeof token === 'string'
        ? verifyOptOutToken(deps.attemptTokenSecret, token)
        : null;
    if (personId === null) throw new AppError('SIGNIN_LINK_INVALID', 'The opt-out link is not valid.');
    return personId;
  };

  router.get(OPT_OUT_PATH, (req, res) => {
    personOf(req.query.token);
    const main = html`<p>Vill du sluta få påminnelser om kurser du har påbörjat?</p>
      <form method="post" action="${req.originalUrl}">
        <p><button type="submit">Ja, sluta skicka påminnelser</button></p>
      </form>
      <p>Inloggningslänker och bekräftelser på avslutade kurser kommer fortfarande.</p>`;
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        standalonePage('Påminnelser', 'Sluta få påminnelser', main, {
          principal: principalOf(res),
          csrf: csrfToken(req, res),
          base: basePath(res),
          orgEvents: servesOrgEvents(res),
        }),
      );
  });

  // No CSRF token: the signed link is the authority, and RFC 8058 mail clients post it bare
  // (`List-Unsubscribe=One-Click`). Opting out is idempotent and harmless to repeat.
  router.post(
    OPT_OUT_PATH,
    urlencoded({ extended: false, limit: '1kb' }),
    asyncHandler(async (req, res) => {
      const personId = personOf(req.query.token);
      await deps.stores.mailPreferences.optOut(personId, clock.now());
      const main = html`<p class="notice" role="status">Klart. Du får inga fler påminnelser.</p>`;
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          standalonePage('Påminnelser', 'Påminnelserna är avstängda', main, {
            principal: principalOf(res),
            csrf: csrfToken(req, res),
            base: basePath(res),
            orgEvents: servesOrgEvents(res),
          }),
        );
    }),
  );
  return router;
}
