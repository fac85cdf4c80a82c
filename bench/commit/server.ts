/**
 * One tool process of the commit benchmark (started by run.ts): the real app on the benchmark's
 * PostgreSQL database, listening on a free port. Prints one JSON line when ready
 * (`{ port, cpu, connections }`), one per `SIGUSR2` (the same, between two runs) and one when told
 * to stop with SIGTERM, so run.ts can report the server's own CPU time (user and system) per commit
 * and how many TCP connections the load opened (keep-alive: about one per learner, not per commit). Environment: BENCH_SERVER_DATABASE_URL, BENCH_SERVER_SECRET (hex),
 * BENCH_SERVER_POOL (connections, default 20), BENCH_SERVER_STACK (`lti`: lti-server's createApp,
 * default; `app`: the app's createServerApp with secure headers and request logging).
 */
import { createServerApp } from '@kompetenta/app';
import { createApp, type LtiLogger } from '@kompetenta/lti-server';
import pino from 'pino';
import { createLtiStores, openDatabase } from '@kompetenta/storage';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const silent: LtiLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function main(): Promise<void> {
  const url = process.env.BENCH_SERVER_DATABASE_URL;
  const secret = process.env.BENCH_SERVER_SECRET;
  if (!url || !secret) throw new Error('BENCH_SERVER_DATABASE_URL and BENCH_SERVER_SECRET are needed');
  const db = await openDatabase({ url, poolMax: Number(process.env.BENCH_SERVER_POOL ?? 20) });
  const lti = createLtiStores(db.knex, { encryptionKey: randomBytes(32) });
  const attemptTokenSecret = Buffer.from(secret, 'hex');
  // BENCH_SERVER_STACK=app: the app's own Express stack (secure headers, a request log line per
  // request written to /dev/null, then the LTI router), as `npm start` serves it.
  const app =
    process.env.BENCH_SERVER_STACK === 'app'
      ? createServerApp({
          database: db,
          logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
          lti: { stores: lti, publicUrl: 'http://127.0.0.1', attemptTokenSecret },
        })
      : createApp(
          { stores: db.stores, lti, logger: silent, attemptTokenSecret },
          { publicUrl: 'http://127.0.0.1' },
        );
  let connections = 0;
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(JSON.stringify({ port, cpu: process.cpuUsage(), connections }));
  });
  server.on('connection', () => (connections += 1));
  process.on('SIGUSR2', () => console.log(JSON.stringify({ cpu: process.cpuUsage(), connections })));
  // Longer than any wait under load: a load client reusing a connection the server has just
  // dropped as idle would see ECONNRESET (a proxy in front of the app has its own timeouts).
  server.keepAliveTimeout = 60_000;
  process.once('SIGTERM', () => {
    console.log(JSON.stringify({ cpu: process.cpuUsage(), connections }));
    server.closeAllConnections();
    server.close();
    // process.exit (not the signal) so that --cpu-prof writes its profile; at most 5 s for the pool.
    setTimeout(() => process.exit(0), 5000).unref();
    void db.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
