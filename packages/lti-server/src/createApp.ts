import express, { type Express } from 'express';
import { serveFirst } from './http/serveFirst';
import { createLtiRouter } from './createLtiRouter';
import type { LtiRouterDeps, LtiRouterOptions } from './LtiRouterOptions';
import { createCommitEndpoint } from './player/createCommitEndpoint';

/**
 * A standalone Express app serving the LTI endpoints, for tests and small deployments; the
 * Kompetenta app mounts `createLtiRouter` into its own server instead. A player's ordinary commit
 * is answered ahead of Express (createCommitEndpoint), the rest by the router.
 */
export function createApp(deps: LtiRouterDeps, options: LtiRouterOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(createLtiRouter(deps, options));
  return serveFirst(app, createCommitEndpoint(deps, options));
}
