/**
 * An existing Express app — its own pages and its own sign-in session — with Kompetenta mounted
 * under /learning and the development LMS (platform emulator) switched on.
 *
 *   npx tsx examples/embed-in-express/server.ts
 *
 * then open http://localhost:4000/ (PORT changes the port). DATA_DIR (default
 * ./data/embed-in-express) keeps the database and keys; COURSES_DIR (default ./courses) the courses.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createKompetenta, createLogger, defineConfig, type KompetentaHandler } from '@kompetenta/app';
import express, { type Express, type Request, type Response } from 'express';

/** Where the host mounts Kompetenta; the public URL ends with the same path. */
export const MOUNT_PATH = '/learning';

/** The host's own session cookie. Kompetenta's cookies are `kompetenta_*` with `Path=/learning`. */
const HOST_COOKIE = 'host_session';

/** The host's own minimal session: a random id in a cookie, the user's name in memory. */
class HostSessions {
  private readonly names = new Map<string, string>();

  nameOf(req: Request): string | null {
    const id = /(?:^|;\s*)host_session=([A-Za-z0-9_-]{43})/.exec(req.get('cookie') ?? '')?.[1];
    return id ? (this.names.get(id) ?? null) : null;
  }

  start(res: Response, name: string): void {
    const id = randomBytes(32).toString('base64url');
    this.names.set(id, name);
    res.cookie(HOST_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/' });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function hostPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Värdportalen</title></head>
<body><header><p>Värdportalen (värdappen)</p></header><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The host's own routes: a start page and a sign-in form that sets the host's session cookie. */
function hostRoutes(sessions: HostSessions): express.Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    const name = sessions.nameOf(req);
    const who = name
      ? `<p>Du är inloggad i värdportalen som ${escapeHtml(name)}.</p>`
      : `<form method="post" action="/login"><label for="name">Ditt namn</label>
         <input id="name" name="name" autocomplete="name" required>
         <button type="submit">Logga in i värdportalen</button></form>`;
    res.type('html').send(
      hostPage(
        'Välkommen',
        `${who}
        <ul>
          <li><a href="${MOUNT_PATH}/dev/platform/">Prova en kurs (utvecklingsplattformen, som ett LMS)</a></li>
          <li><a href="${MOUNT_PATH}/signin">Logga in i Kompetenta med e-post</a></li>
          <li><a href="${MOUNT_PATH}/healthz">Kompetentas hälsokontroll</a></li>
        </ul>`,
      ),
    );
  });
  router.post('/login', express.urlencoded({ extended: false, limit: '1kb' }), (req, res) => {
    const field = (req.body as Record<string, unknown>).name;
    const name = typeof field === 'string' ? field.trim().slice(0, 80) : '';
    if (name) sessions.start(res, name);
    res.redirect(303, '/');
  });
  router.get('/api/whoami', (req, res) => {
    res.json({ host: true, name: sessions.nameOf(req) });
  });
  return router;
}

export interface HostApp {
  readonly app: Express;
  readonly kompetenta: KompetentaHandler;
  readonly publicUrl: string;
  /** Stop serving first, then Kompetenta's workers and database. */
  close(server?: Server): Promise<void>;
}

/**
 * The host app with Kompetenta composed into it (nothing listens yet). `origin` is how browsers
 * reach the host, e.g. `http://localhost:4000`; Kompetenta's public URL is `origin + /learning`.
 */
export async function createHostApp(settings: {
  readonly origin: string;
  readonly port: number;
  readonly dataDir: string;
  readonly coursesDir: string;
}): Promise<HostApp> {
  const publicUrl = `${settings.origin}${MOUNT_PATH}`;
  const config = defineConfig(
    {
      publicUrl,
      port: settings.port,
      dataDir: settings.dataDir,
      coursesDir: settings.coursesDir,
      environment: 'development',
      devPlatform: true,
      logLevel: 'warn',
    },
    process.cwd(),
  );
  const kompetenta = await createKompetenta(config, createLogger(config));
  const app = express();
  app.disable('x-powered-by');
  app.use(hostRoutes(new HostSessions()));
  // Everything under /learning is Kompetenta's: pages, LTI endpoints, player, API, cookies.
  app.use(MOUNT_PATH, kompetenta.handler);
  return {
    app,
    kompetenta,
    publicUrl,
    async close(server) {
      if (server) await new Promise((done) => server.close(done));
      await kompetenta.shutdown();
    },
  };
}

async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 4000);
  const host = await createHostApp({
    origin: process.env['ORIGIN'] ?? `http://localhost:${port}`,
    port,
    dataDir: resolve(process.env['DATA_DIR'] ?? 'data/embed-in-express'),
    coursesDir: resolve(process.env['COURSES_DIR'] ?? 'courses'),
  });
  const server = host.app.listen(port, () => {
    console.log(`Host app listening on http://localhost:${port}/`);
    console.log(`Kompetenta mounted at ${host.publicUrl}`);
    console.log(`Try a course: ${host.kompetenta.devPlatformUrl ?? '(development platform not available)'}`);
  });
  const stop = () => {
    host.close(server).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
