import { generateOpaqueToken, hashOpaqueToken, type WebAccess } from '@kompetenta/core';
import { KnexReportingStore, type Database } from '@kompetenta/storage';
import express, { type Express } from 'express';
import { createDashboardRouter } from '../../../src/dashboard/createDashboardRouter';
import { silentLogger, TEST_PSEUDONYM_KEY } from './exportWorld';

/** The dashboard as the app mounts it, on `db`. */
export function dashboardApp(db: Database, options: { exportsPerMinute?: number } = {}): Express {
  const app = express();
  app.use(
    createDashboardRouter(
      {
        stores: db.stores,
        reporting: new KnexReportingStore(db.knex),
        pseudonymKey: () => TEST_PSEUDONYM_KEY,
        logger: silentLogger,
      },
      { publicUrl: 'http://kompetenta.test', ...options },
    ),
  );
  return app;
}

/**
 * A signed-in person of `organisationId` with `access` (programme staff belong to the programme's
 * own organisation): returns the Cookie header value.
 */
export async function signIn(db: Database, organisationId: string | null, access: WebAccess, name: string) {
  const organisation = organisationId ?? (await db.stores.access.programmeOrganisation()).id;
  const person = await db.stores.people.upsertByEmail({
    organisationId: organisation,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.se`,
    name,
  });
  if (access !== 'learner') await db.stores.access.grant(person.id, access);
  const token = generateOpaqueToken();
  const now = new Date();
  await db.stores.webSessions.create({
    idHash: hashOpaqueToken(token),
    personId: person.id,
    organisationId: organisation,
    access,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return { cookie: `kompetenta_session=${token}`, personId: person.id };
}

/** The CSRF token of a page's form. */
export function csrfOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}
