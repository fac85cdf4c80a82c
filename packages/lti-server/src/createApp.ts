import express, { type Express } from 'express';
import { createLtiRouter } from './createLtiRouter';
import type { LtiRouterDeps, LtiRouterOptions } from './LtiRouterOptions';

/**
 * A standalone Express app serving the LTI endpoints, for tests and small deployments; the
 * Kompetenta app mounts `createLtiRouter` into its own server instead.
 */
export function createApp(deps: LtiRouterDeps, options: LtiRouterOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(createLtiRouter(deps, options));
  return app;
}
