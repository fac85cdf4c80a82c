import {
  generateApiTokenSecret,
  generateOpaqueToken,
  hashApiTokenSecret,
  hashOpaqueToken,
  type WebAccess,
} from '@kompetenta/core';
import { createLtiStores, type Database } from '@kompetenta/storage';
import type { Express } from 'express';
import pino from 'pino';
import { createServerApp } from '../../src/server/createServerApp';

export const PUBLIC_URL = 'http://kompetenta.test';
export const CHECKIN_SECRET = new Uint8Array(32).fill(7);

/** The whole app as `kompetenta start` composes it: LTI, player, content, standalone, reporting. */
export function fullServerApp(database: Database): Express {
  return createServerApp({
    database,
    logger: pino({ level: 'silent' }),
    lti: {
      stores: createLtiStores(database.knex, { encryptionKey: Buffer.alloc(32, 3) }),
      publicUrl: PUBLIC_URL,
      checkinSecret: CHECKIN_SECRET,
      attemptTokenSecret: new Uint8Array(32).fill(9),
    },
    content: { open: () => Promise.resolve(null) },
    reporting: {
      pseudonymKey: () => 'access-matrix-pseudonym-key-0123456789',
      suppressionThreshold: 5,
      publicUrl: PUBLIC_URL,
    },
  });
}

/** A person with a live session: the Cookie header value and who it is. */
export interface SignedIn {
  readonly cookie: string;
  readonly personId: string;
  readonly organisationId: string;
}

/** A person of `organisationId` (null: the programme's own) with `access` and a session. */
export async function signedIn(
  database: Database,
  organisationId: string | null,
  access: WebAccess,
  name: string,
): Promise<SignedIn> {
  const stores = database.stores;
  const organisation = organisationId ?? (await stores.access.programmeOrganisation()).id;
  const person = await stores.people.upsertByEmail({
    organisationId: organisation,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.se`,
    name,
  });
  if (access !== 'learner') await stores.access.grant(person.id, access);
  const token = generateOpaqueToken();
  const now = new Date();
  await stores.webSessions.create({
    idHash: hashOpaqueToken(token),
    personId: person.id,
    organisationId: organisation,
    access,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return { cookie: `kompetenta_session=${token}`, personId: person.id, organisationId: organisation };
}

/** An export API token of one organisation (or of the whole programme): the bearer secret. */
export async function exportToken(database: Database, organisationId: string | null): Promise<string> {
  const secret = generateApiTokenSecret();
  await database.stores.apiTokens.create({
    name: `token ${organisationId ?? 'programme'}`,
    organisationId,
    createdBy: 'access-matrix',
    secretHash: hashApiTokenSecret(secret),
  });
  return secret;
}

/** Rows per table, to show that a refused request changed nothing (rate-limit counters aside). */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = (await database
    .knex('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .whereNotIn('table_name', ['rate_limit_hits'])
    .pluck('table_name')) as string[];
  const counts: Record<string, number> = {};
  for (const table of tables.sort()) {
    const [row] = await database.knex(table).count<{ n: string | number }[]>({ n: '*' });
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

/** The CSRF token in a page's form. */
export function csrfOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}
