import { AppError, isAppError, systemClock, type Organisation, type Stores } from '@kompetenta/core';
import { Router, urlencoded, type Request, type Response } from 'express';
import { CHECKIN_LINK_MAX_HOURS } from '../checkin/checkinToken';
import { inviteToEvent } from '../eventMail/inviteToEvent';
import { asyncHandler } from '../http/asyncHandler';
import { basePath } from '../http/basePath';
import { csrfField, csrfToken, requireCsrf } from '../http/csrf';
import { html, type Html } from '../pages/layout';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal, type Principal } from '../session/sessionContext';
import { resolveStandaloneOptions, type StandaloneDeps, type StandaloneOptions } from './StandaloneOptions';
import { countsFromQuery, sendPrivatePage } from './pageResponses';
import { standalonePage } from './standalonePage';
import { servesOrgEvents } from '../http/servedPages';

const HOUR_MS = 3_600_000;

interface FormValues {
  readonly event?: string;
  readonly organisation?: string;
  readonly who?: string;
  readonly list?: string;
}

const when = (at: Date) =>
  at.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' });

/** Events that can be invited to now: not over, and ending within a check-in link's lifetime. */
async function invitableEvents(stores: Stores, now: Date) {
  const events = await stores.events.list({
    from: new Date(now.getTime() - 100 * HOUR_MS),
    to: new Date(now.getTime() + CHECKIN_LINK_MAX_HOURS * HOUR_MS),
  });
  return events.filter((event) => {
    const closes = event.startsAt.getTime() + (event.hours + 2) * HOUR_MS;
    return closes > now.getTime() && closes - now.getTime() <= CHECKIN_LINK_MAX_HOURS * HOUR_MS;
  });
}

/** The organisations the signed-in person may invite on behalf of: their own, or (staff) any. */
async function senders(stores: Stores, principal: Principal): Promise<Organisation[]> {
  if (principal.access === 'programme_staff') return stores.organisations.list();
  return [await stores.organisations.get(principal.organisationId)];
}

async function renderPage(
  stores: Stores,
  req: Request,
  res: Response,
  now: Date,
  extra: { notice?: string; problems?: readonly string[]; values?: FormValues },
): Promise<string> {
  const principal = requirePrincipal(res);
  const csrf = csrfToken(req, res);
  const base = basePath(res);
  const values = extra.values ?? {};
  const [events, organisations] = await Promise.all([
    invitableEvents(stores, now),
    senders(stores, principal),
  ]);
  const notice = extra.notice ? html`<p class="notice" role="status">${extra.notice}</p>` : html``;
  const problems = extra.problems
    ? html`<div class="problem" role="alert" id="inbjudan-fel">
        <h2>Ingen blev inbjuden</h2>
        <ul>
          ${extra.problems.map((problem) => html`<li>${problem}</li>`)}
        </ul>
      </div>`
    : html``;
  const eventChoices = events.map(
    (event, index) =>
      html`<p>
        <input
          type="radio"
          name="event"
          id="aktivitet-${String(index)}"
          value="${event.id}"
          ${values.event === event.id || (values.event === undefined && index === 0) ? html`checked` : html``}
        />
        <label for="aktivitet-${String(index)}">${event.title}, ${when(event.startsAt)}</label>
      </p>`,
  );
  const sender: Html =
    organisations.length === 1
      ? html`<input type="hidden" name="organisation" value="${organisations[0]!.id}" />
          <p>Inbjudan skickas i namnet av ${organisations[0]!.name}.</p>`
      : html`<p>
          <label for="organisation">Organisation som bjuder in (och vars personer bjuds in)</label>
          <select id="organisation" name="organisation">
            ${organisations.map(
              (org) =>
                html`<option value="${org.id}" ${values.organisation === org.id ? html`selected` : html``}>
                  ${org.name}
                </option>`,
            )}
          </select>
        </p>`;
  const listChecked = values.who === 'list';
  const form =
    events.length === 0
      ? html`<p>Det finns ingen aktivitet att bjuda in till de närmaste 14 dagarna.</p>`
      : html`<form method="post" action="${base}/org/events/invitations">
          ${csrfField(csrf)}
          <fieldset>
            <legend>Aktivitet</legend>
            ${eventChoices}
          </fieldset>
          ${sender}
          <fieldset>
            <legend>Vilka ska bjudas in?</legend>
            <p>
              <input
                type="radio"
                name="who"
                id="vilka-alla"
                value="organisation"
                ${listChecked ? html`` : html`checked`}
              />
              <label for="vilka-alla">Alla i organisationen som har en e-postadress</label>
            </p>
            <p>
              <input
                type="radio"
                name="who"
                id="vilka-lista"
                value="list"
                ${listChecked ? html`checked` : html``}
              />
              <label for="vilka-lista">Personerna i listan nedan</label>
            </p>
          </fieldset>
          <p><label for="lista">E-postadress och namn, en person per rad</label></p>
          <p id="lista-hjalp">Till exempel: <span class="code">anna@example.se; Anna Andersson</span>.</p>
          <textarea id="lista" name="list" rows="6" aria-describedby="lista-hjalp">
${values.list ?? ''}</textarea>
          <p><button type="submit">Skicka inbjudningar</button></p>
        </form>`;
  const main = html`${notice}
    <p>
      Inbjudan innehåller aktivitetens incheckningslänk. Den öppnar en timme innan aktiviteten börjar. Den som
      har tackat nej till påminnelser får ingen inbjudan, och ingen får samma inbjudan två gånger.
    </p>
    ${problems} ${form}`;
  return standalonePage('Bjud in till en aktivitet', 'Bjud in till en aktivitet', main, {
    principal,
    csrf,
    base,
    orgEvents: servesOrgEvents(res),
  });
}

const field = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * `/org/events`: an organisation admin invites their organisation's people (or a pasted list) to
 * a programme event; programme staff pick which organisation sends (and whose people are
 * invited). An admin's `organisation` form value must be their own: anything else is
 * SESSION_ACCESS_DENIED, nothing sent. Mounted only when the check-in secret is given.
 */
export function createEventInvitationRoutes(
  deps: StandaloneDeps & { readonly checkinSecret: Uint8Array },
  options: StandaloneOptions,
): Router {
  const { publicUrl } = resolveStandaloneOptions(options);
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const admins = requireAccess('org_admin', 'programme_staff');

  router.get(
    '/org/events',
    admins,
    asyncHandler(async (req, res) => {
      const counts = countsFromQuery(req.query, 'inbjudna', 'avstangda');
      const notice = counts
        ? `${counts[0]} ${counts[0] === 1 ? 'inbjudan' : 'inbjudningar'} skickas.${counts[1] > 0 ? ` ${counts[1]} har tackat nej till e-post och fick ingen.` : ''}`
        : undefined;
      // Programme staff come from /org with the organisation they picked there: preselect it.
      sendPrivatePage(
        res,
        await renderPage(deps.stores, req, res, clock.now(), {
          ...(notice ? { notice } : {}),
          ...(typeof req.query.organisation === 'string'
            ? { values: { organisation: req.query.organisation } }
            : {}),
        }),
      );
    }),
  );

  router.post(
    '/org/events/invitations',
    admins,
    urlencoded({ extended: false, limit: '512kb' }),
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const principal = requirePrincipal(res);
      const values: FormValues = {
        ...(field(req.body, 'event') === undefined ? {} : { event: field(req.body, 'event')! }),
        ...(field(req.body, 'organisation') === undefined
          ? {}
          : { organisation: field(req.body, 'organisation')! }),
        ...(field(req.body, 'who') === undefined ? {} : { who: field(req.body, 'who')! }),
        ...(field(req.body, 'list') === undefined ? {} : { list: field(req.body, 'list')! }),
      };
      const organisationId = values.organisation ?? principal.organisationId;
      // Tenant isolation: an organisation admin acts for their own organisation only.
      if (principal.access !== 'programme_staff' && organisationId !== principal.organisationId)
        throw new AppError(
          'SESSION_ACCESS_DENIED',
          'An organisation admin invites for their own organisation only.',
        );
      try {
        const result = await inviteToEvent(deps.stores, {
          eventId: values.event ?? '',
          organisationId,
          ...(values.who === 'list' ? { list: values.list ?? '' } : {}),
          now: clock.now(),
          publicUrl,
          checkinSecret: deps.checkinSecret,
          actor: `person:${principal.personId}`,
        });
        res.redirect(
          303,
          `${basePath(res)}/org/events?inbjudna=${result.invited}&avstangda=${result.optedOut}`,
        );
      } catch (error) {
        if (!isAppError(error, 'EVENT_INVITATION_INVALID')) throw error;
        const problems = (error.details as { problems: string[] }).problems;
        sendPrivatePage(res, await renderPage(deps.stores, req, res, clock.now(), { problems, values }), 400);
      }
    }),
  );
  return router;
}
