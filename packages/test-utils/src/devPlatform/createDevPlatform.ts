import { LTI_ROLES } from '@kompetenta/core';
import { Router, type Request } from 'express';
import type { JSONWebKeySet } from 'jose';
import { randomBytes } from 'node:crypto';
import { PlatformEmulator, type EmulatedUser } from '../platformEmulator/PlatformEmulator';
import {
  devDeepLinkReturnPage,
  devEmbedPage,
  devHomePage,
  devStorageFramePage,
  type DevCourse,
} from './devPages';

/** Where the development platform lives in the app. */
export const DEV_PLATFORM_PATH = '/dev/platform';
/** The frame name of its platform storage (what the login's `lti_storage_target` names). */
export const DEV_STORAGE_FRAME = 'kompetenta_platform_storage';

export interface DevPlatformOptions {
  /** The tool's public URL (PUBLIC_URL); the platform is mounted at `${publicUrl}/dev/platform`. */
  readonly publicUrl: string;
  /** The courses the start page offers. */
  readonly courses: () => Promise<readonly DevCourse[]>;
}

/** A mounted development platform: its router and what the tool must register. */
export interface DevPlatform {
  readonly router: Router;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
}

const people: Record<'learner' | 'teacher', EmulatedUser> = {
  learner: {
    sub: 'demo-deltagare',
    name: 'Lina Deltagare',
    email: 'lina.deltagare@example.se',
    roles: [LTI_ROLES.contextLearner],
  },
  teacher: {
    sub: 'demo-larare',
    name: 'Tomas Lärare',
    email: 'tomas.larare@example.se',
    roles: [LTI_ROLES.contextInstructor],
  },
};

function query(req: Request, name: string): string {
  const value = req.query[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The platform emulator as a development LMS inside Kompetenta itself: a start page with buttons
 * to launch as a learner or a teacher and to deep-link, shown in the whole window, in a frame, or
 * in a frame with platform storage; the Deep Linking return page lists the created links and
 * launches them. Never for production: the app mounts it only in development.
 */
export async function createDevPlatform(options: DevPlatformOptions): Promise<DevPlatform> {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const base = `${publicUrl}${DEV_PLATFORM_PATH}`;
  const { emulator, router: emulatorRouter } = await PlatformEmulator.mount(base, {
    clientId: 'kompetenta-dev-platform',
    deploymentId: 'dev-deployment',
    toolJwks: async () => {
      const res = await fetch(`${publicUrl}/lti/keys`);
      return (await res.json()) as JSONWebKeySet;
    },
    deepLinkReturnPage: (payload) => devDeepLinkReturnPage(base, payload),
  });
  const router = Router();
  router.get('/', (_req, res, next) => {
    options
      .courses()
      .then((courses) => res.type('html').send(devHomePage(base, courses)))
      .catch(next);
  });
  router.get('/storage', (_req, res) => {
    res.type('html').send(devStorageFramePage());
  });
  router.get('/start', (req, res) => {
    const as = query(req, 'as');
    const course = query(req, 'course');
    const display = query(req, 'display') || 'window';
    if (
      !['learner', 'teacher', 'deeplink'].includes(as) ||
      !['window', 'frame', 'storage'].includes(display)
    ) {
      res
        .status(400)
        .type('text')
        .send('as must be learner, teacher or deeplink; display window, frame or storage');
      return;
    }
    const loginHint = `dev-${randomBytes(9).toString('base64url')}`;
    emulator.prepareLaunch(loginHint, {
      user: as === 'learner' ? people.learner : people.teacher,
      ...(as === 'deeplink' ? { deepLinking: {} } : { resourceLinkId: `dev-link-${course}`, course }),
    });
    const login = new URL(`${publicUrl}/lti/login`);
    const params: Record<string, string> = {
      iss: emulator.issuer,
      login_hint: loginHint,
      target_link_uri: `${publicUrl}/lti/launch`,
      client_id: emulator.clientId,
      lti_deployment_id: emulator.deploymentId,
      ...(display === 'storage' ? { lti_storage_target: DEV_STORAGE_FRAME } : {}),
    };
    for (const [name, value] of Object.entries(params)) login.searchParams.set(name, value);
    if (display === 'window') {
      res.redirect(302, login.toString());
      return;
    }
    const storage = display === 'storage' ? { name: DEV_STORAGE_FRAME, src: `${base}/storage` } : null;
    res.type('html').send(devEmbedPage(login.toString(), storage));
  });
  router.use(emulatorRouter);
  return {
    router,
    issuer: emulator.issuer,
    clientId: emulator.clientId,
    deploymentId: emulator.deploymentId,
    authUrl: emulator.authUrl,
    tokenUrl: emulator.tokenUrl,
    jwksUrl: emulator.jwksUrl,
  };
}
