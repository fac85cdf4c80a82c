import type { ProgrammeEvent, Stores } from '@kompetenta/core';
import { ManualClock } from '@kompetenta/test-utils';
import express, { type Express } from 'express';
import type { Response } from 'supertest';
import { createCheckinRouter } from '../../../src/checkin/createCheckinRouter';
import { createCheckinLink } from '../../../src/checkin/checkinLink';

export const CHECKIN_SECRET = new Uint8Array(
  Buffer.from('a check-in secret of at least 32 bytes, for tests'),
);
export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An app with only the check-in routes, behind a proxy address like the real app. */
export function checkinApp(stores: Stores, clock: ManualClock, postsPerWindow = 60): Express {
  const app = express();
  app.set('trust proxy', true);
  app.use(
    createCheckinRouter({
      stores,
      logger: silentLogger,
      clock,
      checkin: { secret: CHECKIN_SECRET, postsPerWindow },
    }),
  );
  return app;
}

export async function seminar(
  stores: Stores,
  title = 'Jämställdhetsseminarium i Umeå',
): Promise<ProgrammeEvent> {
  return stores.events.create({
    type: 'jamstalldhetsseminarium',
    title,
    startsAt: new Date('2026-03-01T09:00:00Z'),
    hours: 3,
  });
}

/** The path of a check-in link for the event, valid `hours` from the clock's now. */
export async function checkinPath(eventId: string, clock: ManualClock, hours = 6): Promise<string> {
  const link = await createCheckinLink({
    secret: CHECKIN_SECRET,
    publicUrl: 'https://kompetenta.test',
    eventId,
    now: clock.now(),
    validHours: hours,
  });
  return new URL(link.url).pathname;
}

/** The CSRF token and cookie of a form page. */
export function formSession(page: Response): { csrf: string; cookie: string } {
  const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
  if (!match) throw new Error('no CSRF field on the page');
  const cookies = ([] as string[]).concat((page.headers['set-cookie'] as string[] | undefined) ?? []);
  const cookie = cookies.find((c) => c.startsWith('kompetenta_csrf='));
  if (!cookie) throw new Error('no CSRF cookie');
  return { csrf: match[1]!, cookie: cookie.split(';')[0]! };
}

export async function countRows(stores: Stores): Promise<{ organisations: number }> {
  return { organisations: (await stores.organisations.list()).length };
}
