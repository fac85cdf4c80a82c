import { expect } from 'chai';
import express from 'express';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createPlayerAssetsRouter } from '../../src/player/playerAssets';

describe('player assets (GET /play/assets/player.js)', () => {
  const app = express().use(createPlayerAssetsRouter());
  let bundle: Buffer;

  before(function () {
    this.timeout(60_000);
    // The bundle is built by `npm run build`; build it here too, so the test sees the current one.
    const script = join(__dirname, '..', '..', '..', 'scorm-player', 'scripts', 'bundle.mjs');
    const built = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(built.status, built.stderr).to.equal(0);
    bundle = readFileSync(require.resolve('@kompetenta/scorm-player/player.js'));
  });

  it('serves the scorm-player bundle as JavaScript, revalidated by a content-hash ETag', async () => {
    const res = await request(app).get('/play/assets/player.js').expect(200);
    expect(res.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).to.equal('no-cache');
    expect(res.headers['etag']).to.match(/^"[\w-]{27}"$/);
    expect(Buffer.from(res.text)).to.deep.equal(bundle);
    expect(res.text).to.match(/\/\/# sourceMappingURL=player\.js\.map\s*$/);
    await request(app)
      .get('/play/assets/player.js')
      .set('If-None-Match', res.headers['etag'] as string)
      .expect(304);
  });

  it('serves its source map', async () => {
    const res = await request(app).get('/play/assets/player.js.map').expect(200);
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect((JSON.parse(res.text) as { version: number }).version).to.equal(3);
  });

  it('serves nothing else under /play/assets', async () => {
    await request(app).get('/play/assets/other.js').expect(404);
  });
});
