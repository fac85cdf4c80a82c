import { createTestDatabase, describeEachEngine, testEngines } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import { Agent, request as httpRequest } from 'node:http';
import pino from 'pino';
import request from 'supertest';
import { createLtiStores } from '@kompetenta/storage';
import { createServerApp } from '../../src/server/createServerApp';
import { listen } from '../../src/server/listen';

const logger = pino({ level: 'silent' });

describeEachEngine('HTTP health', (database) => {
  it('answers /healthz and /readyz with 200 when the database is migrated', async () => {
    const app = createServerApp({ database: database(), logger });
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).to.deep.equal({ status: 'ready', database: database().engine });
  });

  it('answers unknown routes with a JSON error or an accessible page', async () => {
    const app = createServerApp({ database: database(), logger });
    const json = await request(app).get('/no/such/page').set('Accept', 'application/json').expect(404);
    expect(json.body).to.include({ code: 'APP_ROUTE_NOT_FOUND', status: 404 });
    const html = await request(app).get('/no/such/page').set('Accept', 'text/html').expect(404);
    expect(html.text).to.contain('<html lang="sv">').and.contain('<main>').and.contain('<h1>');
  });

  it('mounts the LTI tool when given, with pages an LMS may frame', async () => {
    const lti = createLtiStores(database().knex, { encryptionKey: Buffer.alloc(32, 3) });
    const app = createServerApp({
      database: database(),
      logger,
      lti: { stores: lti, publicUrl: 'https://kurser.example.se' },
    });
    const keys = await request(app).get('/lti/keys').expect(200);
    expect((keys.body as { keys: unknown[] }).keys).to.have.length(1);
    expect(keys.headers).to.not.have.property('x-frame-options');
    expect(keys.headers['content-security-policy']).to.contain('frame-ancestors *');
    const health = await request(app).get('/healthz');
    expect(health.headers['x-frame-options']).to.equal('SAMEORIGIN');
  });

  it('lets an LMS frame the player and the course content, with the rest of the CSP kept', async () => {
    const lti = createLtiStores(database().knex, { encryptionKey: Buffer.alloc(32, 3) });
    const app = createServerApp({
      database: database(),
      logger,
      lti: { stores: lti, publicUrl: 'https://kurser.example.se' },
    });
    for (const path of [
      '/play/assets/player.js',
      '/play/some-attempt',
      '/content/kurs/1.0.0/2004/index.html',
    ]) {
      const response = await request(app).get(path);
      expect(response.headers, path).to.not.have.property('x-frame-options');
      const csp = String(response.headers['content-security-policy']);
      expect(csp, path).to.contain('frame-ancestors *').and.contain("script-src 'self'");
      expect(csp, path).to.contain("default-src 'self'");
    }
  });

  it('sends secure headers', async () => {
    const response = await request(createServerApp({ database: database(), logger })).get('/healthz');
    expect(response.headers).to.include.keys(
      'content-security-policy',
      'x-content-type-options',
      'strict-transport-security',
    );
    expect(response.headers).to.not.have.property('x-powered-by');
  });

  it('answers a player’s commit ahead of Express with the secure headers and the log line of any route', async () => {
    const lines: string[] = [];
    const logs = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const lti = createLtiStores(database().knex, { encryptionKey: Buffer.alloc(32, 3) });
    const app = createServerApp({
      database: database(),
      logger: logs,
      lti: { stores: lti, publicUrl: 'https://kurser.example.se' },
    });
    // The ordinary spelling is the commit endpoint's; with a trailing slash, the Express route's.
    const byEndpoint = await request(app).post('/api/attempts/a1/commit?token=abc').type('json').send('{}');
    const byExpress = await request(app).post('/api/attempts/a1/commit/?token=abc').type('json').send('{}');
    expect([byEndpoint.status, byExpress.status]).to.deep.equal([401, 401]);
    // Express's res.json adds an ETag; the endpoint writes its answer directly, without one.
    expect(byEndpoint.headers).to.not.have.property('etag');
    expect(byExpress.headers).to.have.property('etag');
    const kept = (headers: Record<string, string>) => {
      const { date, etag, connection, 'keep-alive': keepAlive, ...rest } = headers;
      void [date, etag, connection, keepAlive];
      return rest;
    };
    expect(kept(byEndpoint.headers)).to.deep.equal(kept(byExpress.headers));
    expect(byEndpoint.headers).to.include.keys('content-security-policy', 'strict-transport-security');
    expect(byEndpoint.headers['x-frame-options']).to.equal('SAMEORIGIN');
    const completed = lines
      .map((line) => JSON.parse(line) as { msg: string; req: { url: string }; res: { statusCode: number } })
      .filter((line) => line.msg === 'request completed')
      .map((line) => [line.req.url, line.res.statusCode]);
    expect(completed).to.deep.equal([
      ['/api/attempts/a1/commit?token=[redacted]', 401],
      ['/api/attempts/a1/commit/?token=[redacted]', 401],
    ]);
  });

  it('writes request log lines without the tokens in URLs or the cookies in headers', async () => {
    const lines: string[] = [];
    const logs = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const lti = createLtiStores(database().knex, { encryptionKey: Buffer.alloc(32, 3) });
    const app = createServerApp({
      database: database(),
      logger: logs,
      lti: { stores: lti, publicUrl: 'https://kurser.example.se' },
    });
    await request(app)
      .post('/api/attempts/a1/commit?token=attempt-secret')
      .set('Cookie', 'kompetenta_session=cookie-secret')
      .send({});
    await request(app).get('/checkin/checkin-secret');
    const logged = lines.join('\n');
    expect(logged).to.contain('/api/attempts/a1/commit?token=[redacted]').and.contain('/checkin/[redacted]');
    expect(logged).to.not.match(/attempt-secret|cookie-secret|checkin-secret/);
  });
});

for (const engine of testEngines()) {
  describe(`HTTP readiness failures [${engine}]`, () => {
    it('answers /readyz with 503 while migrations are pending', async () => {
      const test = await createTestDatabase(engine, { migrate: false });
      try {
        const response = await request(createServerApp({ database: test.db, logger }))
          .get('/readyz')
          .expect(503);
        expect(response.body).to.include({ status: 'unavailable', code: 'STORE_MIGRATIONS_PENDING' });
        expect((response.body as { message: string }).message).to.contain('001_initial');
      } finally {
        await test.dispose();
      }
    });

    it('answers /readyz with 503 when the database is gone, and /healthz still with 200', async () => {
      const test = await createTestDatabase(engine);
      const app = createServerApp({ database: test.db, logger });
      await test.dispose();
      const response = await request(app).get('/readyz').expect(503);
      expect(response.body).to.include({ status: 'unavailable', code: 'STORE_DATABASE_UNREACHABLE' });
      await request(app).get('/healthz').expect(200);
    });
  });
}

describe('graceful shutdown', () => {
  it('stops accepting, lets an in-flight request finish, then resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const app = express();
    app.get('/slow', (_req, res) => {
      arrived();
      void gate.then(() => res.send('done'));
    });
    const running = await listen(app, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${running.port}`;
    const slow = fetch(`${base}/slow`).then((response) => response.text());
    await inFlight;
    let stopped = false;
    const stopping = running.stop(30_000).then(() => (stopped = true));
    const refused = await fetch(`${base}/slow`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused, 'new connections are refused while stopping').to.equal('refused');
    expect(stopped, 'still waiting for the in-flight request').to.equal(false);
    release();
    expect(await slow).to.equal('done');
    await stopping;
    expect(stopped).to.equal(true);
  });

  it('answers a request sent on a kept-alive connection just after stop began (Connection: close), not a reset', async () => {
    const app = express();
    app.post('/commit', (_req, res) => res.json({ result: true }));
    const running = await listen(app, 0, '127.0.0.1');
    // One kept-alive socket, as a learner's browser holds between two commits.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<{ status: number | undefined; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: running.port, path: '/commit', method: 'POST', agent },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    try {
      expect((await post()).status).to.equal(200);
      const stopping = running.stop(5_000);
      // The next commit goes out on the idle socket right after the signal: it must be answered.
      expect(await post()).to.deep.equal({ status: 200, connection: 'close' });
      await stopping;
    } finally {
      agent.destroy();
    }
  });

  it('reports a port in use as APP_PORT_IN_USE', async () => {
    const first = await listen(express(), 0, '127.0.0.1');
    try {
      await listen(express(), first.port, '127.0.0.1').then(
        () => expect.fail('second listen should fail'),
        (error: { code?: string }) => expect(error.code).to.equal('APP_PORT_IN_USE'),
      );
    } finally {
      await first.stop(1000);
    }
  });
});
