import { AppError, hashOpaqueToken, systemClock } from '@kompetenta/core';
import { Router, urlencoded, type Request, type Response } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import { csrfToken, requireCsrf } from '../http/csrf';
import { consumeSignInLink, findSignInLink, linkProblem } from '../session/consumeSignInLink';
import { safeNextPath } from '../session/requireAccess';
import { principalOf, sessionContextOf } from '../session/sessionContext';
import { homePathFor } from '../session/sessionRoutes';
import { startSession } from '../session/startSession';
import { resolveSessionOptions } from '../session/WebSessionOptions';
import { addressUnderLimit, limitByClient } from './rateLimit';
import { issueSignInMail } from './signInMail';
import { signInConfirmPage, signInFormPage, signInSentPage } from './signInPages';
import { resolveStandaloneOptions, type StandaloneDeps, type StandaloneOptions } from './StandaloneOptions';
import { appPath, basePath } from '../http/basePath';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A person in more organisations gets one link per organisation, up to this many. */
const MAX_LINKS_PER_REQUEST = 5;

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** `/signin` (ask for a link) and `/signin/:token` (confirm, then sign in). Mount after `loadSession`. */
export function createSignInRoutes(deps: StandaloneDeps, options: StandaloneOptions): Router {
  const resolved = resolveStandaloneOptions(options);
  const sessionOptions = resolveSessionOptions(options);
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const form = urlencoded({ extended: false, limit: '8kb' });
  const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  /** The sign-in form in this request's session (CSRF token, base path, who is signed in). */
  const sendForm = (
    req: Request,
    res: Response,
    status: number,
    form: Omit<Parameters<typeof signInFormPage>[0], 'csrf' | 'base' | 'principal'>,
  ) =>
    res
      .status(status)
      .set(noStore)
      .type('html')
      .send(
        signInFormPage({
          csrf: csrfToken(req, res),
          base: basePath(res),
          principal: principalOf(res),
          ...form,
        }),
      );

  router.get('/signin', (req, res) => {
    const signedOut = req.query.utloggad === '1';
    sendForm(req, res, 200, {
      next: safeNextPath(req.query.next),
      ...(signedOut ? { notice: 'Du är utloggad.' } : {}),
    });
  });

  router.post(
    '/signin',
    form,
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const now = clock.now();
      await limitByClient(deps.stores, req.ip ?? 'unknown', now, resolved.windowMs, resolved.perIp);
      const email = field(req, 'email');
      if (email.length > 254 || !EMAIL.test(email)) {
        sendForm(req, res, 400, {
          next: safeNextPath(field(req, 'next')),
          problem: 'Skriv en e-postadress, till exempel namn@example.se.',
          email,
        });
        return;
      }
      // The same path for known and unknown addresses: the lookup always runs, the answer is the
      // same page; only a known address (under its limit) adds a link and a mail row.
      if (await addressUnderLimit(deps.stores, email, now, resolved.windowMs, resolved.perAddress)) {
        await deps.stores.transaction(async (stores) => {
          const people = (await stores.access.findPeopleByEmail(email)).slice(0, MAX_LINKS_PER_REQUEST);
          for (const person of people) {
            if (person.email === null) continue;
            await issueSignInMail(stores, {
              person: { ...person, email: person.email },
              organisation: await stores.organisations.get(person.organisationId),
              purpose: 'request',
              now,
              ttlMs: resolved.requestedLinkTtlMs,
              publicUrl: resolved.publicUrl,
            });
          }
        });
      }
      res
        .set(noStore)
        .type('html')
        .send(signInSentPage(csrfToken(req, res), principalOf(res), basePath(res)));
    }),
  );

  router.get(
    '/signin/:token',
    asyncHandler(async (req, res) => {
      const token = req.params.token ?? '';
      const link = await findSignInLink(deps.stores, token);
      const problem = linkProblem(link, ['invitation', 'request'], clock.now());
      if (problem || !link) throw problem ?? new AppError('SIGNIN_LINK_INVALID');
      const person = await deps.stores.people.get(link.organisationId, link.personId);
      const organisation = await deps.stores.organisations.get(link.organisationId);
      res
        .set(noStore)
        .type('html')
        .send(
          signInConfirmPage({
            csrf: csrfToken(req, res),
            base: basePath(res),
            principal: principalOf(res),
            link,
            personName: person.name,
            organisationName: organisation.name,
            action: req.originalUrl.split('?')[0]!,
          }),
        );
    }),
  );

  router.post(
    '/signin/:token',
    form,
    requireCsrf(),
    asyncHandler(async (req, res) => {
      const token = req.params.token ?? '';
      const previous = sessionContextOf(res).sessionToken;
      const access = await deps.stores.transaction(async (stores) => {
        // Whoever was signed in on this browser is signed out: one person per browser session.
        if (previous !== null) await stores.webSessions.end(hashOpaqueToken(previous));
        const link = await consumeSignInLink(stores, token, ['invitation', 'request'], clock.now());
        const current = await stores.access.accessOf(link.personId);
        await startSession(deps, stores, res, sessionOptions, {
          personId: link.personId,
          organisationId: link.organisationId,
          access: current,
        });
        return current;
      });
      res.set(noStore).redirect(303, appPath(res, homePathFor(access)));
    }),
  );
  return router;
}
