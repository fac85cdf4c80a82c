import type { Organisation, Person, Stores, WebAccess } from '@kompetenta/core';
import type { Database } from '@kompetenta/storage';
import { ManualClock } from '@kompetenta/test-utils';
import express, { type Express } from 'express';
import {
  createSessionRoutes,
  createStandaloneErrorMiddleware,
  csrfField,
  csrfToken,
  issueHandoffLink,
  loadSession,
  principalOf,
  requireAccess,
  requireCsrf,
} from '../../../src/internal';
import { html } from '../../../src/pages/layout';
import type { WebSessionOptions } from '../../../src/session/WebSessionOptions';

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An app with sessions and three protected routes, for the session and CSRF tests. */
export function sessionTestApp(
  stores: Stores,
  clock: ManualClock,
  options: WebSessionOptions = { publicUrl: 'http://kompetenta.test' },
): Express {
  const deps = { stores, logger: silentLogger, clock };
  const app = express();
  app.use(loadSession(deps, options));
  app.use(createSessionRoutes(deps, options));
  app.get('/whoami', requireAccess('learner', 'org_admin', 'programme_staff'), (_req, res) => {
    res.json(principalOf(res));
  });
  app.get('/admin-only', requireAccess('org_admin'), (_req, res) => {
    res.type('html').send('<p>admin</p>');
  });
  app.get('/form', (req, res) => {
    res
      .type('html')
      .send(`<form method="post" action="/change">${csrfField(csrfToken(req, res)).html}</form>`);
  });
  app.post('/change', express.urlencoded({ extended: false }), requireCsrf(), (_req, res) => {
    res.type('html').send(html`<p>changed</p>`.html);
  });
  app.use(createStandaloneErrorMiddleware(silentLogger));
  return app;
}

/** A person in a fresh organisation, with the given granted access. */
export async function standalonePerson(
  database: Database,
  email: string,
  name: string,
  access: WebAccess = 'learner',
): Promise<{ organisation: Organisation; person: Person }> {
  const stores = database.stores;
  const organisation = await stores.organisations.create({ name: `Föreningen för ${name}` });
  const person = await stores.people.upsertByEmail({ organisationId: organisation.id, email, name });
  if (access !== 'learner') await stores.access.grant(person.id, access);
  return { organisation, person };
}

/** A handoff path for the person (the quickest way to a session in these tests). */
export function handoffFor(
  stores: Stores,
  clock: ManualClock,
  who: { personId: string; organisationId: string },
) {
  return issueHandoffLink(stores, who, clock.now());
}

/** The `kompetenta_session=…` pair from a response's Set-Cookie, for the next request. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find(
    (cookie) => cookie.startsWith('kompetenta_session=') && !cookie.startsWith('kompetenta_session=;'),
  );
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0]!;
}
