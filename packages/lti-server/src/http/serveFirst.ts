import type { Express, NextFunction } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeEndpoint } from '../player/createCommitEndpoint';

/**
 * Puts `endpoint` in front of an Express app: every request reaches the endpoint first, and the
 * app only when the endpoint leaves it. It replaces the app's `handle`, which is what Express
 * calls for every request whichever way the app is served — `http.createServer(app)`,
 * `app.listen`, supertest, or mounted in a host app with `host.use(path, app)` — so the endpoint
 * cannot be bypassed by serving the app another way. Returns the same app.
 */
export function serveFirst(app: Express, endpoint: NodeEndpoint): Express {
  const handled = app as unknown as {
    handle: (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;
  };
  const handle = handled.handle.bind(app);
  handled.handle = (req, res, next) => {
    if (!endpoint(req, res)) handle(req, res, next);
  };
  return app;
}
