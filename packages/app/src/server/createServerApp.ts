import type { Database } from '@kompetenta/storage';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createErrorMiddleware, notFoundHandler } from './errorMiddleware';
import { createHealthRouter } from './healthRouter';

export interface ServerDeps {
  readonly database: Database;
  readonly logger: Logger;
}

/** The Express application: secure headers, request logs, the feature routers, then errors. */
export function createServerApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy the client's scheme and address come in X-Forwarded-*.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(createHealthRouter({ database: deps.database }));
  app.get('/', (_req, res) => {
    res.json({ name: 'Kompetenta', health: '/healthz', ready: '/readyz' });
  });
  app.use(notFoundHandler);
  app.use(createErrorMiddleware(deps.logger));
  return app;
}
