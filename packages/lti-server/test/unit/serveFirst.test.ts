import { expect } from 'chai';
import express from 'express';
import { createServer } from 'node:http';
import request from 'supertest';
import { serveFirst } from '../../src/http/serveFirst';
import type { NodeEndpoint } from '../../src/player/createCommitEndpoint';

/** An app whose every route answers "app", behind an endpoint that takes `/first` only. */
function world() {
  const seen: string[] = [];
  const endpoint: NodeEndpoint = (req, res) => {
    seen.push(req.url ?? '');
    if (!req.url?.startsWith('/first')) return false;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('endpoint');
    return true;
  };
  const app = express();
  app.use((_req, res) => {
    res.type('text/plain').send('app');
  });
  return { app: serveFirst(app, endpoint), seen };
}

describe('serveFirst', () => {
  it('hands every request to the endpoint first and to the app only when the endpoint leaves it', async () => {
    const { app, seen } = world();
    expect((await request(app).post('/first?x=1')).text).to.equal('endpoint');
    expect((await request(app).get('/other')).text).to.equal('app');
    expect(seen).to.deep.equal(['/first?x=1', '/other']);
  });

  it('cannot be bypassed by serving the app another way: node:http, or mounted in a host app', async () => {
    const { app, seen } = world();
    expect((await request(createServer(app)).get('/first')).text).to.equal('endpoint');
    const host = express();
    host.use('/learning', app);
    host.use((_req, res) => {
      res.status(404).send('host');
    });
    // Mounted, the endpoint sees the path inside the app, as the app's own routes do.
    expect((await request(host).get('/learning/first')).text).to.equal('endpoint');
    expect((await request(host).get('/learning/other')).text).to.equal('app');
    expect((await request(host).get('/first')).text).to.equal('host');
    expect(seen).to.deep.equal(['/first', '/first', '/other']);
  });
});
