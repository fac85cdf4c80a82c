import { systemClock, type ErasureCandidate, type PersonErasure } from '@kompetenta/core';
import { Router, urlencoded, type Request, type Response } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { csrfField, csrfToken, requireCsrf } from '../http/csrf';
import { html } from '../pages/layout';
import { loadSession } from '../session/loadSession';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal } from '../session/sessionContext';
import type { WebSessionDeps, WebSessionOptions } from '../session/WebSessionOptions';
import { createStandaloneErrorMiddleware } from '../standalone/standaloneErrorMiddleware';
import { standalonePage } from '../standalone/standalonePage';
import { basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/** What the privacy pages need: the session stores and the erasure (storage's KnexPersonErasure). */
export interface PrivacyDeps extends WebSessionDeps {
  readonly erasure: PersonErasure;
}

/** `GET|POST /privacy/people/<personId>/erase`: programme staff erase a person (a contract for links). */
export const PRIVACY_ERASE_PATH = '/privacy/people/:personId/erase';

function send(
  req: Request,
  res: Response,
  status: number,
  title: string,
  main: ReturnType<typeof html>,
): void {
  const page = standalonePage(title, title, main, {
    principal: requirePrincipal(res),
    csrf: csrfToken(req, res),
    base: basePath(res),
    orgEvents: servesOrgEvents(res),
  });
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page);
}

function confirmation(req: Request, res: Response, person: ErasureCandidate, problem: boolean): void {
  const error = problem
    ? html`<div class="problem" role="alert">
        <p id="confirm-error">Kryssa i rutan för att bekräfta att du vill radera personen.</p>
      </div>`
    : html``;
  const main = html`${error}
    <dl>
      <dt>Namn</dt>
      <dd>${person.name ?? '(inget namn)'}</dd>
      <dt>E-post</dt>
      <dd>${person.email ?? '(ingen e-post)'}</dd>
      <dt>Organisation</dt>
      <dd>${person.organisationName}</dd>
      <dt>Kursförsök och närvaro</dt>
      <dd>${String(person.attempts)} kursförsök, ${String(person.attendances)} närvarotillfällen</dd>
    </dl>
    <p>
      Namn, e-post, id från lärplattformen, profil (roll, kön, kommun, samtycke) och personliga svar i
      kurserna tas bort. Kursförsök och närvaro finns kvar utan namn, så summorna i rapporterna ändras inte.
      Det går inte att ångra.
    </p>
    <form method="post">
      ${csrfField(csrfToken(req, res))}
      <p>
        <input
          type="checkbox"
          id="confirm"
          name="confirm"
          value="yes"
          ${{
            html: problem ? 'aria-invalid="true" aria-describedby="confirm-error"' : '',
          }}
        />
        <label for="confirm" style="display:inline">Jag förstår att raderingen inte går att ångra.</label>
      </p>
      <button type="submit">Radera personen</button>
    </form>`;
  send(req, res, problem ? 400 : 200, 'Radera en person', main);
}

/**
 * The staff erasure page: only programme staff (an organisation admin or a learner gets 403), the
 * POST CSRF-checked and confirmed by a tick; the erasure is audited with the staff member's id.
 */
export function createPrivacyRouter(deps: PrivacyDeps, options: WebSessionOptions): Router {
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const staffOnly = [loadSession(deps, options), requireAccess('programme_staff')];

  async function found(req: Request, res: Response): Promise<ErasureCandidate | null> {
    const person = await deps.erasure.describe(String(req.params.personId));
    if (person) return person;
    send(req, res, 404, 'Personen finns inte', html`<p>Det finns ingen person med det id:t.</p>`);
    return null;
  }

  router.get(
    PRIVACY_ERASE_PATH,
    ...staffOnly,
    asyncHandler(async (req, res) => {
      const person = await found(req, res);
      if (!person) return;
      if (person.erasedAt) {
        send(
          req,
          res,
          200,
          'Personen är redan raderad',
          html`<p>Personen raderades ${person.erasedAt.toISOString()}.</p>`,
        );
        return;
      }
      confirmation(req, res, person, false);
    }),
  );

  router.post(
    PRIVACY_ERASE_PATH,
    urlencoded({ extended: false, limit: '8kb' }),
    ...staffOnly,
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const person = await found(req, res);
      if (!person) return;
      if ((req.body as Record<string, unknown>).confirm !== 'yes' && !person.erasedAt) {
        confirmation(req, res, person, true);
        return;
      }
      const staff = requirePrincipal(res);
      const result = await deps.erasure.erase(
        person.personId,
        { actor: staff.personId, reason: 'request' },
        clock.now(),
      );
      deps.logger.info(
        { personId: person.personId, by: staff.personId, already: result.alreadyErased },
        'person erased',
      );
      send(
        req,
        res,
        200,
        'Personen är raderad',
        html`<p role="status">
          Personens uppgifter är borttagna. Kursförsök och närvaro finns kvar utan namn. Raderingen finns i
          granskningsloggen.
        </p>`,
      );
    }),
  );
  router.use('/privacy', createStandaloneErrorMiddleware(deps.logger));
  return router;
}
