import {
  LTI_ROLES,
  type CourseVersion,
  type Organisation,
  type Platform,
  type Stores,
} from '@kompetenta/core';
import { createLtiStores, type Database } from '@kompetenta/storage';
import { parseAutoPostForm, PlatformEmulator, type EmulatedUser } from '@kompetenta/test-utils';
import type { Express } from 'express';
import type { JSONWebKeySet } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp, type LtiLogger } from '../../src/index';

/**
 * The tool's public URL in tests. Plain http: supertest's cookie jar, like a browser, sends Secure
 * cookies only over https; `httpsApp` serves the same tool as if behind https, to check those.
 */
export const PUBLIC_URL = 'http://kompetenta.test';
export const HTTPS_PUBLIC_URL = 'https://kompetenta.test';

/** A logger that keeps what it was told, so tests can check that details were logged. */
export class RecordingLogger implements LtiLogger {
  readonly entries: { level: string; details: Record<string, unknown>; message: string }[] = [];
  info(details: object, message: string): void {
    this.entries.push({ level: 'info', details: details as Record<string, unknown>, message });
  }
  warn(details: object, message: string): void {
    this.entries.push({ level: 'warn', details: details as Record<string, unknown>, message });
  }
  error(details: object, message: string): void {
    this.entries.push({ level: 'error', details: details as Record<string, unknown>, message });
  }
}

export const learner = (): EmulatedUser => ({
  sub: `learner-${randomUUID()}`,
  name: 'Åsa Lärling',
  email: 'asa@example.se',
  roles: [LTI_ROLES.contextLearner],
});
export const instructor = (): EmulatedUser => ({
  sub: `teacher-${randomUUID()}`,
  name: 'Tomas Handledare',
  email: 'tomas@example.se',
  roles: [LTI_ROLES.contextInstructor],
});

/** One tool (on a fresh database), one registered platform emulator, one course. */
/** The course the launch tests open: `course=handledare`, two lessons, mastery 80 %. */
export function registerHandledareCourse(stores: Stores): Promise<CourseVersion> {
  return stores.courses.registerVersion({
    courseSlug: 'handledare',
    courseTitle: 'Handledarutbildning',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: 'sha256-test',
    outline: {
      title: 'Handledarutbildning',
      masteryScore: 80,
      lessons: [
        { id: 'h1', title: 'Rollen som handledare', minutes: 20 },
        { id: 'h2', title: 'Att bygga förtroende', minutes: 25 },
      ],
    },
  });
}

export interface LaunchWorld {
  readonly app: Express;
  /** The same tool with an https public URL (cookies become SameSite=None; Secure). */
  readonly httpsApp: Express;
  readonly emulator: PlatformEmulator;
  readonly organisation: Organisation;
  readonly platform: Platform;
  readonly logger: RecordingLogger;
  /** How many people the tool has stored (in any organisation). */
  peopleCount(): Promise<number>;
  close(): Promise<void>;
}

export async function createLaunchWorld(database: Database): Promise<LaunchWorld> {
  // The emulator checks the tool's signatures (Deep Linking responses) against the tool's own
  // /lti/keys, fetched through the app as a platform would.
  const tool: { app?: Express } = {};
  const emulator = await PlatformEmulator.start({
    clientId: `client-${randomUUID()}`,
    toolJwks: async () => {
      if (!tool.app) throw new Error('the tool is not created yet');
      return (await request(tool.app).get('/lti/keys').expect(200)).body as JSONWebKeySet;
    },
  });
  const logger = new RecordingLogger();
  const lti = createLtiStores(database.knex, { encryptionKey: randomBytes(32) });
  const stores = database.stores;
  const organisation = await stores.organisations.create({
    name: 'Föreningen Handledarna',
    kind: 'forening',
  });
  const platform = await stores.tenants.addPlatform({
    issuer: emulator.issuer,
    clientId: emulator.clientId,
    name: 'Emulerad plattform',
    authUrl: emulator.authUrl,
    tokenUrl: emulator.tokenUrl,
    jwksUrl: emulator.jwksUrl,
    status: 'approved',
  });
  await stores.tenants.addDeployment(platform.id, emulator.deploymentId, organisation.id);
  await registerHandledareCourse(stores);
  // No cooldown: the test for a rotated key must see the refetch at once.
  const app = createApp({ stores, lti, logger }, { publicUrl: PUBLIC_URL, jwksCooldownMs: 0 });
  tool.app = app;
  const httpsApp = createApp({ stores, lti, logger }, { publicUrl: HTTPS_PUBLIC_URL, jwksCooldownMs: 0 });
  return {
    app,
    httpsApp,
    emulator,
    organisation,
    platform,
    logger,
    async peopleCount() {
      const [row] = await database.knex('people').count<{ count: string | number }[]>('* as count');
      return Number(row?.count);
    },
    close: () => emulator.stop(),
  };
}

/** The login parameters a platform sends for a resource link. */
export function loginParams(
  world: LaunchWorld,
  loginHint: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    iss: world.emulator.issuer,
    login_hint: loginHint,
    target_link_uri: `${PUBLIC_URL}/lti/launch`,
    client_id: world.emulator.clientId,
    lti_deployment_id: world.emulator.deploymentId,
    ...extra,
  };
}

/** Starts a login in `browser`; returns the state and nonce the tool sent to the platform. */
export async function startLogin(
  world: LaunchWorld,
  browser: request.Agent,
  loginHint: string,
  options: { withDeploymentId?: boolean } = {},
): Promise<{ state: string; nonce: string; authorizeUrl: URL }> {
  const params = loginParams(world, loginHint);
  if (options.withDeploymentId === false) delete params.lti_deployment_id;
  const res = await browser.get('/lti/login').query(params).expect(302);
  const authorizeUrl = new URL(String(res.headers.location));
  const state = authorizeUrl.searchParams.get('state');
  const nonce = authorizeUrl.searchParams.get('nonce');
  if (!state || !nonce) throw new Error('the login redirect carries no state or nonce');
  return { state, nonce, authorizeUrl };
}

/** Follows the redirect to the emulator's authorization endpoint and reads the auto-post form. */
export async function authorize(
  authorizeUrl: URL,
): Promise<{ action: string; fields: Record<string, string> }> {
  const res = await fetch(authorizeUrl);
  if (!res.ok) throw new Error(`the emulator refused the authorization request: ${await res.text()}`);
  return parseAutoPostForm(await res.text());
}

/** The whole flow a browser goes through: login, platform authorization, launch POST. */
export async function launchThrough(
  world: LaunchWorld,
  browser: request.Agent,
  loginHint: string,
): Promise<request.Response> {
  const { authorizeUrl } = await startLogin(world, browser, loginHint);
  const form = await authorize(authorizeUrl);
  return browser.post(new URL(form.action).pathname).type('form').send(form.fields);
}
