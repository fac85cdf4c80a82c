import { GENDERS, PARTICIPANT_ROLES, systemClock } from '@kompetenta/core';
import { Router, urlencoded, type Request, type Response } from 'express';
import { GENDER_TEXT, ROLE_TEXT } from '../checkin/checkinText';
import { asyncHandler } from '../http/asyncHandler';
import { csrfField, csrfToken, requireCsrf } from '../http/csrf';
import { html } from '../pages/layout';
import { loadSession } from '../session/loadSession';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal } from '../session/sessionContext';
import type { WebSessionDeps, WebSessionOptions } from '../session/WebSessionOptions';
import { createStandaloneErrorMiddleware } from '../standalone/standaloneErrorMiddleware';
import { standalonePage } from '../standalone/standalonePage';
import { appPath, basePath } from '../http/basePath';
import { servesOrgEvents } from '../http/servedPages';

/** `GET|POST /profile`: a signed-in person sees and changes their own statistics profile. */
export const PROFILE_PATH = '/profile';

interface ProfileView {
  readonly role: string;
  readonly gender: string;
  readonly consent: boolean;
  readonly consentAt: Date | null;
  readonly organisation: string;
}

function radio(name: string, value: string, label: string, checked: boolean): ReturnType<typeof html> {
  const id = `${name}-${value || 'unset'}`;
  return html`<p>
    <input type="radio" id="${id}" name="${name}" value="${value}" ${{ html: checked ? 'checked' : '' }} />
    <label for="${id}" style="display:inline;font-weight:400">${label}</label>
  </p>`;
}

function render(req: Request, res: Response, view: ProfileView, status: number, notice: string | null): void {
  const main = html`${notice ? html`<p class="notice" role="status">${notice}</p>` : html``}
    <p>Organisation: <strong>${view.organisation}</strong></p>
    <form method="post" action="${appPath(res, PROFILE_PATH)}">
      ${csrfField(csrfToken(req, res))}
      <fieldset>
        <legend>Din roll</legend>
        ${radio('role', '', 'Inget svar', view.role === '')}
        ${PARTICIPANT_ROLES.map((role) => radio('role', role, ROLE_TEXT.sv[role], view.role === role))}
      </fieldset>
      <fieldset aria-describedby="gender-hint">
        <legend>Kön (frivilligt)</legend>
        <p id="gender-hint">
          Vi använder uppgiften bara för könsuppdelad statistik till projektets finansiär. Svaren redovisas
          aldrig så att enskilda kan identifieras. Bara du kan ändra den.
        </p>
        ${radio('gender', '', 'Inget svar', view.gender === '')}
        ${GENDERS.map((gender) => radio('gender', gender, GENDER_TEXT.sv[gender], view.gender === gender))}
      </fieldset>
      <p>
        <input
          type="checkbox"
          id="consent"
          name="consent"
          value="yes"
          ${{ html: view.consent ? 'checked' : '' }}
        />
        <label for="consent" style="display:inline">
          Jag samtycker till att min roll och mitt kön används i statistiken. Tar du bort krysset raderas
          båda.
        </label>
      </p>
      ${view.consentAt ? html`<p>Samtycke gavs ${view.consentAt.toISOString().slice(0, 10)}.</p>` : html``}
      <button type="submit">Spara</button>
    </form>`;
  const page = standalonePage('Min profil', 'Min profil', main, {
    principal: requirePrincipal(res),
    csrf: csrfToken(req, res),
    base: basePath(res),
    orgEvents: servesOrgEvents(res),
  });
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page);
}

/**
 * The person's own profile. There is no person id in the URL or the form: whoever is signed in
 * changes only their own profile, so no staff member can change someone else's gender here (and
 * no other route writes gender). Without consent, role and gender are not kept.
 */
export function createProfileRouter(deps: WebSessionDeps, options: WebSessionOptions): Router {
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const signedIn = [loadSession(deps, options), requireAccess('learner', 'org_admin', 'programme_staff')];

  async function view(personId: string, organisationId: string): Promise<ProfileView> {
    const profile = await deps.stores.profiles.get(personId);
    const organisation = await deps.stores.organisations.get(organisationId);
    return {
      role: profile?.role ?? '',
      gender: profile?.gender ?? '',
      consent: profile?.consentAt != null,
      consentAt: profile?.consentAt ?? null,
      organisation: organisation.name,
    };
  }

  router.get(
    PROFILE_PATH,
    ...signedIn,
    asyncHandler(async (req, res) => {
      const me = requirePrincipal(res);
      render(req, res, await view(me.personId, me.organisationId), 200, null);
    }),
  );

  router.post(
    PROFILE_PATH,
    urlencoded({ extended: false, limit: '8kb' }),
    ...signedIn,
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const me = requirePrincipal(res);
      const body = req.body as Record<string, unknown>;
      const role = PARTICIPANT_ROLES.find((known) => known === body.role) ?? null;
      const gender = GENDERS.find((known) => known === body.gender) ?? null;
      const badRole = body.role !== undefined && body.role !== '' && role === null;
      const badGender = body.gender !== undefined && body.gender !== '' && gender === null;
      if (badRole || badGender) {
        render(
          req,
          res,
          await view(me.personId, me.organisationId),
          400,
          'Välj bland svaren i listan. Inget ändrades.',
        );
        return;
      }
      const current = await deps.stores.profiles.get(me.personId);
      const consent = body.consent === 'yes';
      await deps.stores.profiles.set(me.personId, {
        role: consent ? role : null,
        gender: consent ? gender : null,
        consentAt: consent ? (current?.consentAt ?? clock.now()) : null,
      });
      deps.logger.info({ personId: me.personId, consent }, 'profile changed by the person');
      render(req, res, await view(me.personId, me.organisationId), 200, 'Din profil är sparad.');
    }),
  );
  router.use(PROFILE_PATH, createStandaloneErrorMiddleware(deps.logger));
  return router;
}
