import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { learner } from './launchHarness';
import {
  commit,
  createPlayerWorld,
  launchToPlayer,
  outboxCount,
  progressCmi,
  type PlayerWorld,
} from './playerHarness';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 120 };

/** A request the commit API must refuse: what to send and how. */
interface HostileCommit {
  readonly contentType: string | null;
  readonly contentEncoding: string | null;
  readonly body: string | Buffer;
  readonly token: 'own' | 'garbage' | 'none';
}

const jsonTypes = fc.constantFrom(
  'application/json',
  'text/plain',
  'text/plain;charset=UTF-8',
  'APPLICATION/JSON',
);
const otherTypes = fc.oneof(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json-patch+json',
    'text/html',
    'application/octet-stream',
  ),
  fc.string({ maxLength: 40 }).filter((type) => !/^\s*(application\/json|text\/plain)\s*(;|$)/i.test(type)),
);

const badSeq = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -0, '1', '2', null, true, [], {}, '1e3', Number.MAX_VALUE),
  fc.double().filter((n) => !Number.isSafeInteger(n) || n < 1),
  fc.string(),
);

const badElements = fc.constantFrom(
  '"__proto__": {"polluted": true}',
  '"constructor": {"prototype": {"polluted": true}}',
  '"cmi.not_an_element": "x"',
  '"cmi.completion_status": "finished-ish"',
  '"cmi.score.scaled": 7',
  '"cmi.location": {"nested": {"deeper": []}}',
  '"cmi.interactions.99999.id": "q"',
  '"cmi.location": [1, 2, 3]',
  '"cmi.suspend_data": null',
  `"cmi.location": "${'x'.repeat(2000)}"`,
);

/** A real-looking commit with one bad element mixed in, at a seq that would otherwise apply. */
const invalidCmiBody = fc
  .tuple(
    badElements,
    fc.dictionary(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  )
  .map(([bad, extra]) => {
    const good = JSON.stringify({ ...progressCmi(5), ...extra }).slice(1, -1);
    return `{"seq": 1000000, "cmi": {${good}${good ? ',' : ''}${bad}}}`;
  });

const hostileCommit: fc.Arbitrary<HostileCommit> = fc.oneof(
  // Not a type the player sends.
  fc.record({
    contentType: fc.option(otherTypes, { nil: null }),
    contentEncoding: fc.constant(null),
    body: fc.constant(JSON.stringify({ seq: 1_000_000, cmi: progressCmi(3) })),
    token: fc.constant('own' as const),
  }),
  // Not a JSON object.
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constant(null),
    body: fc.oneof(
      fc.string({ maxLength: 300 }).filter((text) => !text.trim().startsWith('{')),
      fc.string({ unit: 'binary', maxLength: 300 }).map((text) => `{${text}`),
      fc.constantFrom('', 'null', '[]', '[{"seq":5,"cmi":{}}]', '"text"', '{"seq":5,"cmi":{}', '\uFEFF{'),
    ),
    token: fc.constant('own' as const),
  }),
  // A bad seq with a good CMI.
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constant(null),
    body: badSeq.map(
      (seq) => `{"seq": ${JSON.stringify(seq) ?? 'null'}, "cmi": ${JSON.stringify(progressCmi(2))}}`,
    ),
    token: fc.constant('own' as const),
  }),
  // A bad CMI, or a cmi that is not an object.
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constant(null),
    body: fc.oneof(
      invalidCmiBody,
      fc.constantFrom('[]', '"cmi"', '42', 'null', 'true').map((cmi) => `{"seq": 1000000, "cmi": ${cmi}}`),
    ),
    token: fc.constant('own' as const),
  }),
  // Larger than the limit, or compressed garbage.
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constantFrom(null, 'gzip', 'deflate', 'br', 'x-unknown'),
    body: fc.integer({ min: 256 * 1024 + 1, max: 600 * 1024 }).map((size) => Buffer.alloc(size, 0x7b)),
    token: fc.constant('own' as const),
  }),
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip'),
    body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    token: fc.constant('own' as const),
  }),
  // A valid commit with someone else's token or none.
  fc.record({
    contentType: jsonTypes,
    contentEncoding: fc.constant(null),
    body: fc.constant(JSON.stringify({ seq: 1_000_000, cmi: progressCmi(4) })),
    token: fc.constantFrom('garbage' as const, 'none' as const),
  }),
);

describeEachEngine('commit API under fuzzing', (database) => {
  let world: PlayerWorld;
  let attemptId: string;
  let token: string;
  before(async () => {
    world = await createPlayerWorld(database());
    ({ attemptId, token } = await launchToPlayer(world, learner()));
    await commit(world, attemptId, token, 1, progressCmi(1)).expect(200);
  });
  after(() => world.close());

  async function snapshot() {
    const attempt = await world.stores.attempts.get(world.launchWorld.organisation.id, attemptId);
    return { attempt, outbox: await outboxCount(world, attemptId) };
  }

  it('answers every hostile commit with a 4xx JSON refusal and leaves the attempt and outbox as they were', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(hostileCommit, fc.string({ maxLength: 60 }), async (hostile, garbageToken) => {
        let req = request(world.app).post(`/api/attempts/${attemptId}/commit`);
        if (hostile.token === 'own') req = req.query({ token });
        if (hostile.token === 'garbage') req = req.query({ token: garbageToken });
        if (hostile.contentType !== null) req = req.set('content-type', hostile.contentType);
        if (hostile.contentEncoding !== null) req = req.set('content-encoding', hostile.contentEncoding);
        const res = await req.send(hostile.body);
        expect(res.status, res.text).to.be.within(400, 499);
        expect(res.body).to.include({ result: false });
        expect((res.body as { error: { code: string } }).error.code).to.match(/^ATTEMPT_/);
        expect(Object.prototype).to.not.have.property('polluted');
      }),
      fuzz,
    );
    expect(await snapshot()).to.deep.equal(before);
  });

  it('answers LTI form posts whose body is too large or does not inflate with a 4xx page, not a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/lti/launch', '/lti/login'),
        fc.oneof(
          fc
            .uint8Array({ minLength: 1, maxLength: 200 })
            .map((bytes) => ({ encoding: 'gzip', body: Buffer.from(bytes) })),
          fc.constant({ encoding: 'deflate', body: Buffer.from('not deflated') }),
          fc.constant({ encoding: 'x-unknown', body: Buffer.from('id_token=x') }),
          fc
            .integer({ min: 70 * 1024, max: 200 * 1024 })
            .map((size) => ({ encoding: null, body: Buffer.alloc(size, 0x61) })),
        ),
        async (path, { encoding, body }) => {
          let req = request(world.app).post(path).set('content-type', 'application/x-www-form-urlencoded');
          if (encoding !== null) req = req.set('content-encoding', encoding);
          const res = await req.send(body);
          expect(res.status, res.text.slice(0, 200)).to.be.within(400, 499);
        },
      ),
      { ...fuzz, numRuns: 40 },
    );
  });

  it('answers any JSON CMI with 200 or a 4xx (never 500) at a seq already stored, and stores nothing from it', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (cmi) => {
        const res = await request(world.app)
          .post(`/api/attempts/${attemptId}/commit`)
          .query({ token })
          .set('content-type', 'application/json')
          .send(JSON.stringify({ seq: 1, cmi }));
        expect(res.status === 200 || (res.status >= 400 && res.status < 500), res.text).to.equal(true);
      }),
      { ...fuzz, numRuns: 80 },
    );
    expect(await snapshot()).to.deep.equal(before);
  });
});
