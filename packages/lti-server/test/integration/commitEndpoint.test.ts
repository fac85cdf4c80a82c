import { describeEachEngine } from '@kompetenta/test-utils';
import { createLtiStores } from '@kompetenta/storage';
import { expect } from 'chai';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createLtiRouter } from '../../src/createLtiRouter';
import type { LtiRouterDeps } from '../../src/LtiRouterOptions';
import { signAttemptToken } from '../../src/player/attemptToken';
import { createCommitEndpoint } from '../../src/player/createCommitEndpoint';
import { learner, PUBLIC_URL } from './launchHarness';
import { createPlayerWorld, launchToPlayer, progressCmi, type PlayerWorld } from './playerHarness';

/** 418: the stand-in app behind the endpoint, so a test sees which requests the endpoint left. */
const LEFT = 418;

/** What a client reads from a commit answer; the Date and connection headers aside. */
function answerOf(res: request.Response) {
  return {
    status: res.status,
    body: res.body as unknown,
    type: res.headers['content-type'],
    cacheControl: res.headers['cache-control'],
    referrerPolicy: res.headers['referrer-policy'],
  };
}

/** Posts `body` in two chunks without a declared length (Transfer-Encoding: chunked). */
function postChunked(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    outgoing.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.write(body.slice(0, 10));
    outgoing.end(body.slice(10));
  });
}

describeEachEngine('commit endpoint ahead of Express', (database) => {
  let world: PlayerWorld;
  let deps: LtiRouterDeps;
  let endpointOnly: Server;
  let expressOnly: express.Express;
  before(async () => {
    world = await createPlayerWorld(database());
    deps = {
      stores: world.stores,
      lti: createLtiStores(database().knex, { encryptionKey: randomBytes(32) }),
      logger: world.launchWorld.logger,
      clock: world.clock,
      attemptTokenSecret: world.secret,
    };
    const endpoint = createCommitEndpoint(deps, { publicUrl: PUBLIC_URL });
    endpointOnly = createServer((req, res) => {
      if (!endpoint(req, res)) res.writeHead(LEFT).end();
    });
    await new Promise<void>((resolve) => endpointOnly.listen(0, '127.0.0.1', resolve));
    // The Express route alone, as it serves whatever the endpoint leaves.
    expressOnly = express().use(createLtiRouter(deps, { publicUrl: PUBLIC_URL }));
  });
  after(async () => {
    await new Promise((resolve) => endpointOnly.close(resolve));
    await world.close();
  });
  afterEach(() => {
    world.clock.offsetMs = 0;
  });

  const endpointUrl = () => `http://127.0.0.1:${(endpointOnly.address() as AddressInfo).port}`;
  const json = (seq: number, cmi: Record<string, string>) => JSON.stringify({ seq, cmi });
  const stored = (attemptId: string) =>
    world.stores.attempts.get(world.launchWorld.organisation.id, attemptId);

  it('takes a player’s ordinary commit, and leaves every other request to the path untouched', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    const path = `/api/attempts/${attemptId}/commit`;
    const post = (url: string) => request(endpointUrl()).post(url).set('content-type', 'application/json');
    await post(`${path}?token=${token}`)
      .send(json(1, progressCmi(1)))
      .expect(200);
    await post(`${path}?token=${token}`)
      .set('content-type', 'text/plain')
      .send(json(2, progressCmi(2)))
      .expect(200);
    const next = json(3, progressCmi(3));
    const left = [
      await request(endpointUrl()).get(`${path}?token=${token}`),
      await post(`${path}/?token=${token}`).send(next),
      await post(`${path.toUpperCase()}?token=${token}`).send(next),
      await post(`${path}?token=${token}&x=1`).send(next),
      await post(`${path}?token=${encodeURIComponent(`${token}=`)}`).send(next),
      await post(`${path}?token=`).send(next),
      await post(path).send(next),
      await post(`${path}?token=${token}`).set('content-encoding', 'gzip').send(gzipSync(next)),
      await post(`${path}?token=${token}`).send(
        json(3, { ...progressCmi(3), 'cmi.suspend_data': 'x'.repeat(300_000) }),
      ),
    ];
    expect(left.map((res) => res.status)).to.deep.equal(left.map(() => LEFT));
    expect(await postChunked(`${endpointUrl()}${path}?token=${token}`, next)).to.equal(LEFT);
    expect((await stored(attemptId)).commitSeq).to.equal(2);
  });

  it('answers every commit exactly as the Express route does: acceptance, renewal, each refusal', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    const other = await launchToPlayer(world, learner());
    const foreignOrg = await world.stores.organisations.create({ name: 'Förening utanför' });
    const foreign = await signAttemptToken(
      world.secret,
      { attemptId, organisationId: foreignOrg.id, personId: other.attemptId },
      new Date(),
    );
    const path = `/api/attempts/${attemptId}/commit`;
    const cases: {
      name: string;
      token: string;
      type?: string;
      body: string;
      status: number;
      hours?: number;
    }[] = [
      { name: 'first commit', token, body: json(1, progressCmi(1)), status: 200 },
      { name: 'repeated commit', token, body: json(1, progressCmi(1)), status: 200 },
      { name: 'beacon (text/plain)', token, type: 'text/plain', body: json(2, progressCmi(2)), status: 200 },
      { name: 'bad token', token: 'not-a-token', body: json(3, progressCmi(3)), status: 401 },
      { name: 'another attempt’s token', token: other.token, body: json(3, progressCmi(3)), status: 403 },
      { name: 'another tenant', token: foreign, body: json(3, progressCmi(3)), status: 404 },
      { name: 'not JSON', token, body: '{"seq": 3,', status: 400 },
      { name: 'seq 0', token, body: json(0, progressCmi(3)), status: 400 },
      { name: 'form body', token, type: 'application/x-www-form-urlencoded', body: 'seq=3', status: 415 },
      { name: 'invalid CMI', token, body: json(3, { 'cmi.completion_status': 'almost' }), status: 422 },
      { name: 'expired token', token, body: json(3, progressCmi(3)), status: 401, hours: 13 },
    ];
    for (const sent of cases) {
      world.clock.offsetMs = (sent.hours ?? 0) * 3600 * 1000;
      const send = (target: string | express.Express) =>
        request(target)
          .post(`${path}?token=${sent.token}`)
          .set('content-type', sent.type ?? 'application/json')
          .send(sent.body);
      const byEndpoint = await send(endpointUrl());
      const byExpress = await send(expressOnly);
      expect(byEndpoint.status, `${sent.name}: ${byEndpoint.text}`).to.equal(sent.status);
      expect(answerOf(byEndpoint), sent.name).to.deep.equal(answerOf(byExpress));
    }
    // A page open for long gets a fresh token from either, and both tokens keep saving.
    world.clock.offsetMs = 7 * 3600 * 1000;
    const renewed = [
      await request(endpointUrl())
        .post(`${path}?token=${token}`)
        .type('json')
        .send(json(3, progressCmi(3))),
      await request(expressOnly)
        .post(`${path}?token=${token}`)
        .type('json')
        .send(json(4, progressCmi(4))),
    ].map((res) => (res.body as { token?: string }).token);
    expect(
      renewed.every((fresh) => typeof fresh === 'string' && fresh !== token),
      String(renewed),
    ).to.equal(true);
    world.clock.offsetMs = 14 * 3600 * 1000;
    for (const [seq, fresh] of renewed.entries())
      await request(endpointUrl())
        .post(`${path}?token=${fresh!}`)
        .type('json')
        .send(json(5 + seq, progressCmi(5 + seq)))
        .expect(200);
    const attempt = await stored(attemptId);
    expect(attempt.commitSeq).to.equal(6);
    expect(attempt.cmi['cmi.location']).to.equal('lesson-6');
  });

  it('answers a client gone mid-body with nothing stored, and keeps serving', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    const url = `${endpointUrl()}/api/attempts/${attemptId}/commit?token=${token}`;
    const body = json(1, progressCmi(1));
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      });
      outgoing.on('error', () => resolve());
      outgoing.on('response', (res) => {
        res.resume();
        resolve();
      });
      outgoing.write(body.slice(0, 20), () => outgoing.destroy());
    });
    expect((await stored(attemptId)).commitSeq).to.equal(0);
    await request(endpointUrl())
      .post(`/api/attempts/${attemptId}/commit?token=${token}`)
      .type('json')
      .send(body)
      .expect(200);
    expect((await stored(attemptId)).commitSeq).to.equal(1);
  });
});
