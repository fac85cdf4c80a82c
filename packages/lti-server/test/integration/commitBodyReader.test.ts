import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { commitBodyReader } from '../../src/player/commitBodyReader';

const LIMIT = 1024;

/** An app that answers with what the reader put in `req.body`, or with the error it passed on. */
function echoApp(seen: { error?: unknown } = {}) {
  const app = express();
  app.post('/', commitBodyReader(LIMIT), (req, res) => {
    const body: unknown = req.body;
    res.json({ buffer: Buffer.isBuffer(body), text: Buffer.isBuffer(body) ? body.toString('utf8') : null });
  });
  const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    seen.error = error;
    const { status, type } = error as { status?: number; type?: string };
    res.status(status ?? 500).json({ type: type ?? null });
  };
  app.use(errors);
  return app;
}

describe('commitBodyReader', () => {
  it('reads a body of declared length, up to the limit', async () => {
    const small = await request(echoApp())
      .post('/')
      .set('content-type', 'application/json')
      .send('{"seq":1}');
    expect(small.status).to.equal(200);
    expect(small.body).to.deep.equal({ buffer: true, text: '{"seq":1}' });
    const text = 'x'.repeat(LIMIT);
    const full = await request(echoApp()).post('/').set('content-type', 'text/plain').send(text);
    expect(full.body).to.deep.equal({ buffer: true, text });
  });

  it('reads an empty body as an empty Buffer', async () => {
    const res = await request(echoApp()).post('/').set('content-length', '0').send();
    expect(res.body).to.deep.equal({ buffer: true, text: '' });
  });

  it('leaves a compressed body to body-parser, which inflates it', async () => {
    const res = await request(echoApp())
      .post('/')
      .set('content-type', 'text/plain')
      .set('content-encoding', 'gzip')
      .send(gzipSync('{"seq":2}'));
    expect(res.body).to.deep.equal({ buffer: true, text: '{"seq":2}' });
  });

  it("leaves unknown encodings and over-limit bodies to body-parser's answers (415, 413)", async () => {
    const unknown = await request(echoApp()).post('/').set('content-encoding', 'x-unknown').send('{}');
    expect([unknown.status, unknown.body]).to.deep.equal([415, { type: 'encoding.unsupported' }]);
    const large = await request(echoApp())
      .post('/')
      .send('x'.repeat(LIMIT + 1));
    expect([large.status, large.body]).to.deep.equal([413, { type: 'entity.too.large' }]);
  });

  it('reads a body of declared length that arrives in several writes; leaves a chunked one (no declared length) to body-parser, within the same limit', async () => {
    const server = echoApp().listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const post = (parts: string[], headers: Record<string, string> = {}) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/', headers }, (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.on('error', reject);
          const write = (i: number) => {
            if (i === parts.length) req.end();
            else req.write(parts[i], () => setTimeout(() => write(i + 1), 5));
          };
          write(0);
        });
      const declared = await post(['{"seq"', ':4', '}'], { 'content-length': '9' });
      expect(JSON.parse(declared.text)).to.deep.equal({ buffer: true, text: '{"seq":4}' });
      const ok = await post(['{"seq"', ':3}']);
      expect([ok.status, JSON.parse(ok.text)]).to.deep.equal([200, { buffer: true, text: '{"seq":3}' }]);
      const large = await post(['x'.repeat(LIMIT), 'x']);
      expect([large.status, JSON.parse(large.text)]).to.deep.equal([413, { type: 'entity.too.large' }]);
    } finally {
      server.close();
    }
  });

  it('passes on a request aborted before its declared length arrived as request.aborted', async () => {
    const seen: { error?: unknown } = {};
    const server = echoApp(seen).listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/',
          headers: { 'content-length': '100' },
        });
        req.on('error', () => resolve());
        req.write('{"seq":', () => setTimeout(() => req.destroy(), 50));
        req.on('close', () => resolve());
      });
      for (let i = 0; i < 50 && seen.error === undefined; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(seen.error).to.include({ type: 'request.aborted', status: 400 });
    } finally {
      server.close();
    }
  });
});
