import type { LtiStores } from '@kompetenta/core';
import { createLtiRouter, type CourseContentSource, type LtiRouterDeps } from '@kompetenta/lti-server';
import { basePath, createCommitEndpoint, serveFirst, useBasePath } from '@kompetenta/lti-server/internal';
import { createStandaloneRouter } from '@kompetenta/lti-server';
import { createPrivacyRouter, createProfileRouter } from '@kompetenta/lti-server';
import { KnexPersonErasure } from '@kompetenta/storage';
import type { Database } from '@kompetenta/storage';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createErrorMiddleware, notFoundHandler } from './errorMiddleware';
import { createHealthRouter } from './healthRouter';
import { createReportingRouters, type ReportingRouteSettings } from './reportingWiring';
import { requestLogFields, responseLogFields } from './requestLogFields';

/** What {@link createServerApp} serves: the database, the logger and the parts it mounts. */
export interface ServerDeps {
  readonly database: Database;
  readonly logger: Logger;
  /** The LTI tool; mounted at /lti when given. */
  readonly lti?: {
    readonly stores: LtiStores;
    readonly publicUrl: string;
    readonly autoApprove?: boolean;
    /** ltijs's LTI Advantage services: /lti/keys publishes the keys it signs token requests with. */
    readonly platformServices?: LtiRouterDeps['platformServices'];
    /** HS256 secret of check-in links (`/checkin/<token>`). */
    readonly checkinSecret?: Uint8Array;
    /** HS256 secret of the player's attempt tokens (`/play`, the commit API). */
    readonly attemptTokenSecret?: Uint8Array;
  };
  /** The built courses the player frames, served at /content/... (with the LTI routes). */
  readonly content?: CourseContentSource;
  /** The export API (and dashboard); mounted when given. */
  readonly reporting?: ReportingRouteSettings;
  /** Development only: the platform emulator, mounted at /dev/platform (framable, inline scripts). */
  readonly devPlatform?: RequestHandler;
}

/** What an LMS shows in its iframe: the LTI pages, the player and the course content it frames. */
const framablePaths = ['/lti/', '/play/', '/content/'];

/**
 * Secure headers everywhere, except that LTI pages must be allowed inside the LMS's iframe:
 * there, `frame-ancestors` is opened and X-Frame-Options left out (an LMS can be any origin).
 * The rest of the CSP stays: the player's script and the SCO's iframe are same-origin ('self').
 */
function secureHeaders(strict: RequestHandler): RequestHandler {
  const framable = helmet({
    frameguard: false,
    // form-action is left out: the Deep Linking response posts to the LMS, and the new-window
    // login form is redirected on to the LMS's authorization endpoint (both any origin).
    contentSecurityPolicy: { directives: { 'frame-ancestors': ['*'], 'form-action': null } },
  });
  // The development platform plays an LMS: it frames the tool and uses inline scripts.
  const devPlatform = helmet({ frameguard: false, contentSecurityPolicy: false });
  return (req, res, next) =>
    (req.path.startsWith('/dev/platform')
      ? devPlatform
      : framablePaths.some((path) => req.path.startsWith(path))
        ? framable
        : strict)(req, res, next);
}

/**
 * The Express application: secure headers, request logs, the feature routers, then errors. It may
 * be served alone or mounted in a host app at the path of the public URL: every link, redirect and
 * cookie path starts with that path (lti-server's `basePath`).
 */
export function createServerApp(deps: ServerDeps): Express {
  const app = express();
  const strictHeaders = helmet();
  const requestLog = pinoHttp({
    logger: deps.logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    // URLs carry bearer tokens and headers carry the session cookie: neither may reach the log.
    serializers: { req: requestLogFields, res: responseLogFields },
  });
  app.disable('x-powered-by');
  const publicUrl = deps.lti?.publicUrl ?? deps.reporting?.publicUrl;
  if (publicUrl !== undefined) app.use(useBasePath(publicUrl));
  // Behind a TLS-terminating proxy the client's scheme and address come in X-Forwarded-*.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(secureHeaders(strictHeaders));
  app.use(requestLog);
  app.use(createHealthRouter({ database: deps.database }));
  // The LTI tool's dependencies and options: its router below, its commit endpoint at the end.
  const tool = deps.lti && {
    deps: {
      stores: deps.database.stores,
      lti: deps.lti.stores,
      logger: deps.logger,
      ...(deps.content ? { content: deps.content } : {}),
      ...(deps.lti.platformServices ? { platformServices: deps.lti.platformServices } : {}),
      ...(deps.lti.checkinSecret ? { checkin: { secret: deps.lti.checkinSecret } } : {}),
      ...(deps.lti.attemptTokenSecret ? { attemptTokenSecret: deps.lti.attemptTokenSecret } : {}),
    } satisfies LtiRouterDeps,
    options: { publicUrl: deps.lti.publicUrl, autoApprove: deps.lti.autoApprove ?? false },
  };
  if (tool) app.use(createLtiRouter(tool.deps, tool.options));
  if (deps.lti) {
    // People without an LMS: sign-in links by e-mail, sessions, courses, organisation admin pages.
    app.use(
      createStandaloneRouter(
        {
          stores: deps.database.stores,
          logger: deps.logger,
          ...(deps.lti.attemptTokenSecret ? { attemptTokenSecret: deps.lti.attemptTokenSecret } : {}),
          ...(deps.lti.checkinSecret ? { checkinSecret: deps.lti.checkinSecret } : {}),
        },
        { publicUrl: deps.lti.publicUrl },
      ),
    );
  }
  if (deps.lti) {
    // Programme staff erase a person (GDPR art. 17): /privacy/people/<id>/erase.
    const erasure = new KnexPersonErasure(deps.database.knex);
    app.use(
      createPrivacyRouter(
        { stores: deps.database.stores, logger: deps.logger, erasure },
        { publicUrl: deps.lti.publicUrl },
      ),
    );
    // A signed-in person's own role, gender and consent: /profile.
    app.use(
      createProfileRouter(
        { stores: deps.database.stores, logger: deps.logger },
        { publicUrl: deps.lti.publicUrl },
      ),
    );
  }
  if (deps.reporting) app.use(createReportingRouters(deps.database, deps.logger, deps.reporting));
  if (deps.devPlatform) app.use('/dev/platform', deps.devPlatform);
  app.get('/', (_req, res) => {
    const base = basePath(res);
    res.json({ name: 'Kompetenta', health: `${base}/healthz`, ready: `${base}/readyz` });
  });
  app.use(notFoundHandler);
  app.use(createErrorMiddleware(deps.logger));
  if (!tool) return app;
  // A player's ordinary commit is answered ahead of Express (the busiest route by far), with the
  // same secure headers and request log line as every other answer; the rest goes to the app.
  const commits = createCommitEndpoint(tool.deps, tool.options, {
    onRequest: (req, res) => {
      strictHeaders(req, res, noop);
      requestLog(req, res);
    },
  });
  return serveFirst(app, commits);
}

function noop(): void {}
