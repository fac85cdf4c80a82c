import type { ScormVersion } from '@kompetenta/core';
import { expect } from 'chai';
import express from 'express';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CONTENT_PATH, createContentRouter } from '../../src/content/contentRouter';
import type { CourseContentSource } from '../../src/content/CourseContentSource';
import { contentTypeOf } from '../../src/content/contentTypes';

/** A course version with a few files, answered as streams the way the zip reader does. */
const files = new Map<string, Buffer>([
  ['index.html', Buffer.from('<!doctype html><html lang="sv"><title>Exempel</title></html>')],
  ['assets/course.css', Buffer.from('body{color:#111}')],
  ['assets/runtime.js', Buffer.from('console.log("kurs")')],
  ['images/bild.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
  ['images/foto.JPG', Buffer.from([0xff, 0xd8, 0xff])],
  ['imsmanifest.xml', Buffer.from('<manifest/>')],
  ['data.bin', Buffer.from([1, 2, 3])],
  ['mapp med mellanslag/å.html', Buffer.from('<p>å</p>')],
]);

interface Opened {
  slug: string;
  version: string;
  scormVersion: ScormVersion;
  path: string;
}

function fakeSource(opened: Opened[]): CourseContentSource {
  return {
    open(slug, version, scormVersion, path) {
      opened.push({ slug, version, scormVersion, path });
      const data = files.get(path);
      if (slug !== 'exempel' || version !== '1.0.0' || !data) return Promise.resolve(null);
      return Promise.resolve({
        body: path.endsWith('.css') ? data : Readable.from([data]),
        contentType: contentTypeOf(path),
        size: data.length,
        etag: `"${scormVersion}-${data.length}"`,
      });
    },
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: the path goes on the wire exactly as written (no client-side dot-segment removal). */
function get(
  server: Server,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('content router (/content/:slug/:version/:scormVersion/*)', () => {
  const opened: Opened[] = [];
  const logged: string[] = [];
  let server: Server;

  before(async () => {
    const app = express();
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (_details: object, message: string) => void logged.push(message),
    };
    app.use(CONTENT_PATH, createContentRouter(fakeSource(opened), logger));
    app.use((_req, res) => void res.status(418).send('not the content router'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (opened.length = 0));

  it('serves each file with its type, length, ETag, public caching and nosniff', async () => {
    const expected: [string, string][] = [
      ['index.html', 'text/html; charset=utf-8'],
      ['assets/course.css', 'text/css; charset=utf-8'],
      ['assets/runtime.js', 'text/javascript; charset=utf-8'],
      ['images/bild.svg', 'image/svg+xml'],
      ['images/foto.JPG', 'image/jpeg'],
      ['imsmanifest.xml', 'application/xml; charset=utf-8'],
      ['data.bin', 'application/octet-stream'],
    ];
    for (const [path, type] of expected) {
      const res = await get(server, `/content/exempel/1.0.0/2004/${path}`);
      expect(res.status, path).to.equal(200);
      expect(res.headers['content-type'], path).to.equal(type);
      expect(res.body.equals(files.get(path)!), path).to.equal(true);
      expect(res.headers['content-length']).to.equal(String(files.get(path)!.length));
      expect(res.headers.etag).to.equal(`"2004-${files.get(path)!.length}"`);
      expect(res.headers['cache-control']).to.match(/^public, max-age=\d+$/);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
    }
    const encoded = await get(server, '/content/exempel/1.0.0/1.2/mapp%20med%20mellanslag/%C3%A5.html');
    expect(encoded.status).to.equal(200);
    expect(opened.at(-1)).to.deep.equal({
      slug: 'exempel',
      version: '1.0.0',
      scormVersion: '1.2',
      path: 'mapp med mellanslag/å.html',
    });
  });

  it('answers 304 without a body to a matching If-None-Match, and 200 to another tag', async () => {
    const url = '/content/exempel/1.0.0/2004/index.html';
    const { headers } = await get(server, url);
    const etag = String(headers.etag);
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await get(server, url, { 'If-None-Match': tag });
      expect(res.status, tag).to.equal(304);
      expect(res.body.length).to.equal(0);
      expect(res.headers.etag).to.equal(etag);
      expect(res.headers['cache-control']).to.match(/^public, max-age=/);
    }
    expect((await get(server, url, { 'If-None-Match': '"other"' })).status).to.equal(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(server, '/content/exempel/1.0.0/2004/assets/runtime.js', {}, 'HEAD');
    expect(res.status).to.equal(200);
    expect(res.headers['content-length']).to.equal(String(files.get('assets/runtime.js')!.length));
    expect(res.body.length).to.equal(0);
  });

  it('refuses every path that is not a plain relative path with 400, before asking the source', async () => {
    const attempts = [
      '/content/exempel/1.0.0/2004/../../../etc/passwd',
      '/content/exempel/1.0.0/2004/assets/../index.html',
      '/content/exempel/1.0.0/2004/..%2f..%2fetc%2fpasswd',
      '/content/exempel/1.0.0/2004/%2e%2e/%2e%2e/etc/passwd',
      '/content/exempel/1.0.0/2004/%2E%2E%2Findex.html',
      '/content/exempel/1.0.0/2004/.%2e/index.html',
      '/content/exempel/1.0.0/2004/..%5c..%5cwindows%5cwin.ini',
      '/content/exempel/1.0.0/2004/assets%5cruntime.js',
      '/content/exempel/1.0.0/2004//etc/passwd',
      '/content/exempel/1.0.0/2004/%2fetc%2fpasswd',
      '/content/exempel/1.0.0/2004/C:%5cwindows',
      '/content/exempel/1.0.0/2004/index.html%00.png',
      '/content/exempel/1.0.0/2004/./index.html',
      '/content/exempel/1.0.0/2004/assets//course.css',
      '/content/exempel/1.0.0/2004/%E0%A4%A',
    ];
    for (const path of attempts) {
      const res = await get(server, path, { Accept: 'text/html' });
      expect(res.status, path).to.equal(400);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      expect(res.body.toString()).to.contain('<html lang="sv">').and.contain('<h1>');
      expect(res.headers['cache-control']).to.equal('no-store');
    }
    expect(opened, 'the source never saw an unsafe path').to.deep.equal([]);
  });

  it('answers 404 with a Swedish page for an unknown course, version, SCORM version or file', async () => {
    const unknown = [
      '/content/okand/1.0.0/2004/index.html',
      '/content/exempel/9.9.9/2004/index.html',
      '/content/exempel/1.0.0/2004/saknas.html',
      '/content/exempel/1.0.0/3/index.html',
      '/content/exempel/1.0.0/scorm2004/index.html',
      '/content/Exempel/1.0.0/2004/index.html',
      '/content/exempel/version/2004/index.html',
      '/content/exempel/1.0.0/2004/Index.html',
    ];
    for (const path of unknown) {
      const res = await get(server, path);
      expect(res.status, path).to.equal(404);
      expect(res.body.toString()).to.contain('Sidan finns inte');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
    }
    expect(opened.map((o) => o.slug)).to.deep.equal(['okand', 'exempel', 'exempel', 'exempel']);
    // Shorter URLs are not content URLs at all: they fall through to the rest of the app.
    expect((await get(server, '/content/exempel/1.0.0/2004')).status).to.equal(418);
  });
});
