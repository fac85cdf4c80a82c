import { AppError, isAppError, systemClock, type Organisation, type Stores } from '@kompetenta/core';
import { Router, urlencoded, type Request, type Response } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { readUpload } from '../dashboard/events/readUpload';
import { csrfField, csrfToken, hasValidCsrfToken, requireCsrf } from '../http/csrf';
import { html, type Html } from '../pages/layout';
import { requireAccess } from '../session/requireAccess';
import { requirePrincipal } from '../session/sessionContext';
import { invitePeople } from './invitePeople';
import type { InvitationProblem } from './parseInvitationList';
import { latestAttempts, progressOf, PROGRESS_TEXT } from './progress';
import { resolveStandaloneOptions, type StandaloneDeps, type StandaloneOptions } from './StandaloneOptions';
import { countsFromQuery, sendPrivatePage } from './pageResponses';
import { standalonePage } from './standalonePage';
import { basePath } from '../http/basePath';
import {
  actingOrganisation,
  organisationField,
  organisationPicker,
  organisationQuery,
} from './actingOrganisation';
import { servesOrgEvents } from '../http/servedPages';

async function peopleTable(stores: Stores, organisationId: string): Promise<Html> {
  const [invitations, courses] = await Promise.all([
    stores.invitations.list(organisationId),
    stores.courses.listCourses(),
  ]);
  if (invitations.length === 0) return html`<p>Ingen är inbjuden ännu.</p>`;
  const rows = await Promise.all(
    invitations.map(async (invitation) => {
      const person = await stores.people.get(organisationId, invitation.personId);
      const attempts = await latestAttempts(stores, organisationId, person.id, courses);
      const cellsFor = courses.map(
        (course) => html`<td>${PROGRESS_TEXT[progressOf(attempts.get(course.slug) ?? null)]}</td>`,
      );
      return html`<tr>
        <th scope="row">${person.name ?? '–'}</th>
        <td>${person.email ?? '–'}</td>
        ${cellsFor}
      </tr>`;
    }),
  );
  const heads = courses.map((course) => html`<th scope="col">${course.title}</th>`);
  return html`<table>
    <caption>
      Inbjudna personer och hur långt de har kommit i varje kurs
    </caption>
    <thead>
      <tr>
        <th scope="col">Namn</th>
        <th scope="col">E-post</th>
        ${heads}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function problemList(problems: readonly InvitationProblem[]): Html {
  const items = problems.map(
    (problem) => html`<li>${problem.row > 0 ? `Rad ${problem.row}: ` : ''}${problem.message}</li>`,
  );
  return html`<div class="problem" role="alert" id="lista-fel">
    <h2>Ingen blev inbjuden</h2>
    <p>Listan har fel. Rätta raderna nedan och skicka igen:</p>
    <ul>
      ${items}
    </ul>
  </div>`;
}

async function renderOrgPage(
  deps: StandaloneDeps,
  req: Request,
  res: Response,
  extra: { notice?: string; problems?: readonly InvitationProblem[]; list?: string },
  organisation: Organisation,
): Promise<string> {
  const { stores } = deps;
  const principal = requirePrincipal(res);
  const csrf = csrfToken(req, res);
  const base = basePath(res);
  const query = organisationQuery(principal, organisation);
  // /org/events is served when the app gave the check-in secret (its links carry check-in links).
  const events = deps.checkinSecret
    ? html`<p>
        <a href="${base}/org/events${query ? `?${query}` : ''}"
          >Bjud in till en nätverksträff eller ett seminarium</a
        >
      </p>`
    : html``;
  const notice = extra.notice ? html`<p class="notice" role="status">${extra.notice}</p>` : html``;
  const problems = extra.problems ? problemList(extra.problems) : html``;
  const described = extra.problems
    ? html` aria-describedby="lista-fel lista-hjalp" aria-invalid="true"`
    : html` aria-describedby="lista-hjalp"`;
  const picker = await organisationPicker(stores, principal, organisation, `${base}/org`);
  const acting = organisationField(principal, organisation);
  const main = html`${picker} ${notice} ${events}
    <h2>Bjud in personer</h2>
    ${problems}
    <form method="post" action="${base}/org/invitations">
      ${csrfField(csrf)} ${acting}
      <label for="lista">E-postadress och namn, en person per rad</label>
      <p id="lista-hjalp">
        Till exempel: <span class="code">anna@example.se; Anna Andersson</span>. Du kan också klistra in en
        CSV-fil med kolumnerna e-post och namn. Varje person får ett mejl med en inloggningslänk som gäller i
        7 dagar.
      </p>
      <textarea id="lista" name="list" rows="8" ${described}>${extra.list ?? ''}</textarea>
      <p><button type="submit">Skicka inbjudningar</button></p>
    </form>
    <form method="post" action="${base}/org/invitations/upload" enctype="multipart/form-data">
      ${csrfField(csrf)} ${acting}
      <label for="fil">Eller ladda upp en CSV-fil (kolumnerna e-post och namn)</label>
      <input id="fil" name="file" type="file" accept=".csv,text/csv,text/plain" />
      <p><button type="submit">Ladda upp och skicka inbjudningar</button></p>
    </form>
    <h2>Inbjudna</h2>
    ${await peopleTable(stores, organisation.id)}`;
  return standalonePage(organisation.name, `Kurser hos ${organisation.name}`, main, {
    principal,
    csrf,
    base,
    orgEvents: servesOrgEvents(res),
  });
}

/** `/org`: an organisation admin invites people and sees their progress. */
export function createOrgAdminRoutes(deps: StandaloneDeps, options: StandaloneOptions): Router {
  const resolved = resolveStandaloneOptions(options);
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const admins = requireAccess('org_admin', 'programme_staff');

  router.get(
    '/org',
    admins,
    asyncHandler(async (req, res) => {
      const counts = countsFromQuery(req.query, 'inbjudna', 'redan');
      const notice = counts
        ? `${counts[0]} ${counts[0] === 1 ? 'person' : 'personer'} fick en inbjudan. ${counts[1]} var redan inbjudna.`
        : undefined;
      const organisation = await actingOrganisation(
        deps.stores,
        requirePrincipal(res),
        req.query.organisation,
      );
      sendPrivatePage(res, await renderOrgPage(deps, req, res, notice ? { notice } : {}, organisation));
    }),
  );

  /** Invites from the list text; a bad list is answered with the page, every problem listed. */
  const invite = async (req: Request, res: Response, list: string): Promise<void> => {
    const principal = requirePrincipal(res);
    const organisation = await actingOrganisation(
      deps.stores,
      principal,
      (req.body as Record<string, unknown>).organisation,
    );
    const query = organisationQuery(principal, organisation);
    try {
      const result = await invitePeople(deps.stores, {
        organisationId: organisation.id,
        invitedBy: principal.personId,
        list,
        now: clock.now(),
        ttlMs: resolved.invitationLinkTtlMs,
        publicUrl: resolved.publicUrl,
      });
      res.redirect(
        303,
        `${basePath(res)}/org?inbjudna=${result.invited}&redan=${result.alreadyInvited}${query ? `&${query}` : ''}`,
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== 'SIGNIN_INVITATIONS_INVALID') throw error;
      const problems = (error.details as { problems: InvitationProblem[] }).problems;
      sendPrivatePage(res, await renderOrgPage(deps, req, res, { problems, list }, organisation), 400);
    }
  };

  router.post(
    '/org/invitations',
    admins,
    urlencoded({ extended: false, limit: '512kb' }),
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const raw = (req.body as Record<string, unknown>).list;
      await invite(req, res, typeof raw === 'string' ? raw : '');
    }),
  );

  // The CSV file, as multipart/form-data (the dashboard's upload reader); the CSRF token is a field.
  router.post(
    '/org/invitations/upload',
    admins,
    asyncHandler(async (req, res) => {
      /** The page again with one problem about the upload, for the organisation acted for. */
      const refuse = async (message: string, organisation: unknown) =>
        sendPrivatePage(
          res,
          await renderOrgPage(
            deps,
            req,
            res,
            { problems: [{ row: 0, message }] },
            await actingOrganisation(deps.stores, requirePrincipal(res), organisation),
          ),
          400,
        );
      const upload = await readUpload(req).catch((error: unknown) => {
        if (isAppError(error)) return error;
        throw error;
      });
      if (!('fields' in upload)) {
        await refuse('Filen kunde inte läsas. Skicka en CSV-fil på högst 5 MB.', undefined);
        return;
      }
      req.body = upload.fields;
      if (!hasValidCsrfToken(req, res)) throw new AppError('SESSION_CSRF_INVALID');
      if (!upload.file) {
        await refuse('Välj en fil att ladda upp.', upload.fields.organisation);
        return;
      }
      await invite(req, res, upload.file.bytes.toString('utf8'));
    }),
  );
  return router;
}
