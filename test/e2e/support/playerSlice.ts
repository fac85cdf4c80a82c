// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { LTI_ROLES, type Attempt } from '@kompetenta/core';
import {
  PlatformEmulator,
  temporaryDataDir,
  unusedLoopbackPort,
  type EmulatedLineItem,
  type EmulatedUser,
} from '@kompetenta/test-utils';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { JSONWebKeySet } from 'jose';
import { loadConfig } from '../../../packages/app/src/config/loadConfig';
import { startKompetenta, type Kompetenta } from '../../../packages/app/src/main';
import { coursesDir, repoRoot } from './packageServer';

/** The resource link the emulator launches; its AGS line item is the grade target. */
export const RESOURCE_LINK = 'slice-link';

/**
 * A real Kompetenta (embedded database, temporary DATA_DIR, only courses/exempel so the start
 * builds one course) on `http://127.0.0.1:<port>`, and a platform emulator on another port of
 * 127.0.0.1 — the same site, so the tool's SameSite=Lax login cookie travels with the launch POST
 * as it does over https with SameSite=None — registered as an approved platform with a deployment
 * and an AGS line item on {@link RESOURCE_LINK}.
 */
export interface PlayerSlice {
  readonly kompetenta: Kompetenta;
  readonly emulator: PlatformEmulator;
  readonly lineItem: EmulatedLineItem;
  readonly tool: string;
  readonly organisationId: string;
  close(): Promise<void>;
}

export async function startPlayerSlice(): Promise<PlayerSlice> {
  // The bundle under test is the current source, even when only `tsc -b` ran since the last edit.
  const bundled = spawnSync(
    process.execPath,
    [join(repoRoot, 'packages', 'scorm-player', 'scripts', 'bundle.mjs')],
    { encoding: 'utf8' },
  );
  expect(bundled.status, bundled.stderr).to.equal(0);
  const data = temporaryDataDir();
  const courses = join(data.dir, 'courses');
  mkdirSync(courses);
  cpSync(join(coursesDir, 'exempel'), join(courses, 'exempel'), { recursive: true });
  const port = await unusedLoopbackPort();
  const tool = `http://127.0.0.1:${port}`;
  const emulator = await PlatformEmulator.start({
    clientId: 'kompetenta-slice',
    // The token endpoint checks the tool's client assertions against the tool's own /lti/keys.
    toolJwks: async () => (await (await fetch(`${tool}/lti/keys`)).json()) as JSONWebKeySet,
  });
  const lineItem = emulator.ags.createLineItem({ label: 'Exempelkurs', resourceLinkId: RESOURCE_LINK });
  const config = loadConfig(
    {
      PORT: String(port),
      PUBLIC_URL: tool,
      DATA_DIR: join(data.dir, 'data'),
      COURSES_DIR: courses,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    },
    data.dir,
  );
  const kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
  const { stores } = kompetenta.database;
  const organisation = await stores.organisations.create({ name: 'Föreningen Exempel', kind: 'forening' });
  const platform = await stores.tenants.addPlatform({
    issuer: emulator.issuer,
    clientId: emulator.clientId,
    name: 'Emulerad lärplattform',
    authUrl: emulator.authUrl,
    tokenUrl: emulator.tokenUrl,
    jwksUrl: emulator.jwksUrl,
    status: 'approved',
  });
  await stores.tenants.addDeployment(platform.id, emulator.deploymentId, organisation.id);
  return {
    kompetenta,
    emulator,
    lineItem,
    tool,
    organisationId: organisation.id,
    async close() {
      await kompetenta.shutdown();
      await emulator.stop();
      data.remove();
    },
  };
}

export function learnerNamed(name: string): EmulatedUser {
  const sub = `slice-${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`;
  return { sub, name, email: `${sub}@example.se`, roles: [LTI_ROLES.contextLearner] };
}

/**
 * Launches `user` from the emulator in a new page of `context` (login → platform authorization →
 * auto-posted id_token → launch) and waits for the player page the launch redirects to.
 */
export async function launchFromPlatform(
  slice: PlayerSlice,
  context: BrowserContext,
  user: EmulatedUser,
): Promise<{ page: Page; attemptId: string }> {
  const hint = `hint-${user.sub}-${Math.random().toString(36).slice(2)}`;
  slice.emulator.prepareLaunch(hint, { user, resourceLinkId: RESOURCE_LINK, course: 'exempel' });
  const login = new URL(`${slice.tool}/lti/login`);
  const params = {
    iss: slice.emulator.issuer,
    login_hint: hint,
    target_link_uri: `${slice.tool}/lti/launch`,
    client_id: slice.emulator.clientId,
    lti_deployment_id: slice.emulator.deploymentId,
  };
  for (const [name, value] of Object.entries(params)) login.searchParams.set(name, value);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(login.toString());
  await page.waitForURL((url) => url.pathname.startsWith('/play/') && url.searchParams.has('token'));
  const attemptId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
  return { page, attemptId };
}

/** Waits for the SCO in the player's iframe to show its page. */
export async function scoFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#kp-frame');
  for (;;) {
    const frame = await handle.contentFrame();
    if (frame?.url().includes('/content/')) {
      await frame.waitForSelector('section.page:not([hidden]) h1');
      return frame;
    }
    await page.waitForEvent('framenavigated');
  }
}

interface Api2004 {
  isInitialized(): boolean;
  GetValue(element: string): string;
}

/** Reads a 2004 element through the API the player put on its window (what the SCO reads). */
export function apiValue(page: Page, element: string): Promise<string | undefined> {
  return page.evaluate(
    (name) => (window as unknown as { API_1484_11?: Api2004 }).API_1484_11?.GetValue(name),
    element,
  );
}

export function apiInitialised(page: Page): Promise<boolean | undefined> {
  return page.evaluate(() => (window as unknown as { API_1484_11?: Api2004 }).API_1484_11?.isInitialized());
}

/** Resolves with the first commit the server answered 200 whose body satisfies `matches`. */
export async function savedCommit(
  page: Page,
  matches: (body: { seq: number; cmi: Record<string, unknown> }) => boolean,
): Promise<{ seq: number; cmi: Record<string, unknown> }> {
  const response = await page.waitForResponse(
    (r) => {
      if (!r.url().includes('/commit?') || r.status() !== 200) return false;
      try {
        return matches(JSON.parse(r.request().postData() ?? '{}') as never);
      } catch {
        return false;
      }
    },
    { timeout: 30_000 },
  );
  return JSON.parse(response.request().postData() ?? '{}') as { seq: number; cmi: Record<string, unknown> };
}

/** The attempt as stored. */
export function storedAttempt(slice: PlayerSlice, attemptId: string): Promise<Attempt> {
  return slice.kompetenta.database.stores.attempts.get(slice.organisationId, attemptId);
}

/**
 * Polls the stored attempt until `condition` holds (deadline `timeoutMs`). Only for what no event
 * tells the test: a beacon sent by a page that is already closed.
 */
export async function attemptWhere(
  slice: PlayerSlice,
  attemptId: string,
  condition: (attempt: Attempt) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<Attempt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt = await storedAttempt(slice, attemptId);
    if (condition(attempt)) return attempt;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A grade outbox row of an attempt: its status and the AGS score it carries. */
export interface GradeRow {
  readonly status: string;
  readonly score: Record<string, unknown>;
}

/** The grade outbox rows of an attempt, oldest first. */
export async function gradeRows(slice: PlayerSlice, attemptId: string): Promise<GradeRow[]> {
  const rows = (await slice.kompetenta.database
    .knex('outbox')
    .where({ topic: 'grade' })
    .whereRaw(`payload->>'attemptId' = ?`, [attemptId])
    .orderBy('id')) as { status: string; payload: { score: Record<string, unknown> } }[];
  return rows.map((row) => ({ status: row.status, score: row.payload.score }));
}

/** The attempt's grade rows once all are sent, or as they are after `timeoutMs` (the test then says which are not). */
export async function gradeRowsOnceSent(
  slice: PlayerSlice,
  attemptId: string,
  timeoutMs = 10_000,
): Promise<GradeRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await gradeRows(slice, attemptId);
    if (rows.every((row) => row.status === 'sent') || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
