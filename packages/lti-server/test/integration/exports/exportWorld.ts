import { generateApiTokenSecret, hashApiTokenSecret, type Gender } from '@kompetenta/core';
import { KnexReportingStore, type Database } from '@kompetenta/storage';
import express, { type Express } from 'express';
import type request from 'supertest';
import { createExportRouter, type ExportRouterOptions } from '../../../src/index';

/** A pseudonymisation key for tests (32+ characters). */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef';

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Two organisations, their attendance, and tokens of each scope. */
export interface ExportWorld {
  readonly gemenskap: string;
  readonly lyftet: string;
  readonly tokens: { gemenskap: string; lyftet: string; programme: string; revoked: string };
  readonly tokenIds: { gemenskap: string; programme: string };
  /** Person ids per organisation. */
  readonly people: { gemenskap: string[]; lyftet: string[] };
}

async function token(db: Database, name: string, organisationId: string | null) {
  const secret = generateApiTokenSecret();
  const row = await db.stores.apiTokens.create({
    name,
    organisationId,
    createdBy: 'test',
    secretHash: hashApiTokenSecret(secret),
  });
  return { secret, id: row.id };
}

/**
 * Föreningen Gemenskap (Umeå): 8 women + 6 men at a network meeting in Umeå (March), 7 women + 2
 * men at an inspiration meeting in Stockholm (April), 9 women at a network meeting in September.
 * Kooperativet Lyftet: 5 women + 5 men at the March meeting, 6 women at the inspiration meeting.
 */
export async function seedExportWorld(db: Database): Promise<ExportWorld> {
  const gemenskap = (
    await db.stores.organisations.create({ name: 'Föreningen Gemenskap', municipalityCode: '2480' })
  ).id;
  const lyftet = (
    await db.stores.organisations.create({ name: 'Kooperativet Lyftet', municipalityCode: '0180' })
  ).id;
  const event = (type: 'natverkstraff' | 'inspirationstraff', iso: string, municipalityCode: string) =>
    db.stores.events.create({ type, title: type, startsAt: new Date(iso), hours: 3, municipalityCode });
  const meeting = await event('natverkstraff', '2026-03-12T08:00:00Z', '2480');
  const inspiration = await event('inspirationstraff', '2026-04-20T08:00:00Z', '0180');
  const late = await event('natverkstraff', '2026-09-01T08:00:00Z', '2480');
  const people: { gemenskap: string[]; lyftet: string[] } = { gemenskap: [], lyftet: [] };
  let n = 0;
  const attend = async (
    organisation: 'gemenskap' | 'lyftet',
    eventId: string,
    gender: Gender,
    count: number,
  ) => {
    for (let i = 0; i < count; i++) {
      const person = await db.stores.people.upsertByEmail({
        organisationId: organisation === 'gemenskap' ? gemenskap : lyftet,
        email: `p${n++}@example.se`,
        name: `Deltagare ${n}`,
      });
      await db.stores.profiles.set(person.id, { gender, role: 'handledare', consentAt: new Date() });
      await db.stores.events.recordAttendance({ eventId, personId: person.id, source: 'staff' });
      people[organisation].push(person.id);
    }
  };
  await attend('gemenskap', meeting.id, 'kvinna', 8);
  await attend('gemenskap', meeting.id, 'man', 6);
  await attend('gemenskap', inspiration.id, 'kvinna', 7);
  await attend('gemenskap', inspiration.id, 'man', 2);
  await attend('gemenskap', late.id, 'kvinna', 9);
  await attend('lyftet', meeting.id, 'kvinna', 5);
  await attend('lyftet', meeting.id, 'man', 5);
  await attend('lyftet', inspiration.id, 'kvinna', 6);
  const g = await token(db, 'Gemenskaps rapport', gemenskap);
  const l = await token(db, 'Lyftets rapport', lyftet);
  const p = await token(db, 'Programkansliet', null);
  const r = await token(db, 'Gammal', null);
  await db.stores.apiTokens.revoke(r.id, new Date());
  return {
    gemenskap,
    lyftet,
    tokens: { gemenskap: g.secret, lyftet: l.secret, programme: p.secret, revoked: r.secret },
    tokenIds: { gemenskap: g.id, programme: p.id },
    people,
  };
}

/** An Express app with only the export router, as the Kompetenta app mounts it. */
export function exportApp(db: Database, options: ExportRouterOptions = {}): Express {
  const app = express();
  app.use(
    createExportRouter(
      {
        stores: db.stores,
        reporting: new KnexReportingStore(db.knex),
        pseudonymKey: () => TEST_PSEUDONYM_KEY,
        logger: silentLogger,
      },
      options,
    ),
  );
  return app;
}

/** A supertest parser that keeps the body as bytes: superagent would decode text and drop the BOM. */
export function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
