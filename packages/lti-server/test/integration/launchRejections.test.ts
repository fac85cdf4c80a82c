import { LTI_CLAIMS, LTI_MESSAGE_TYPES, type ErrorCode } from '@kompetenta/core';
import { describeEachEngine, PlatformEmulator } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { JWTPayload } from 'jose';
import request from 'supertest';
import {
  authorize,
  createLaunchWorld,
  launchThrough,
  learner,
  loginParams,
  PUBLIC_URL,
  startLogin,
  type LaunchWorld,
} from './launchHarness';

describeEachEngine('LTI launch rejections', (database) => {
  let world: LaunchWorld;
  let peopleBefore: number;
  before(async () => {
    world = await createLaunchWorld(database());
  });
  after(() => world.close());
  beforeEach(async () => {
    peopleBefore = await world.peopleCount();
  });

  /** The claims a genuine launch for this login would carry, with `overrides` applied. */
  const claims = (nonce: string, overrides: Record<string, unknown> = {}): JWTPayload =>
    world.emulator.launchClaims(
      { user: learner(), course: 'handledare', claims: overrides },
      nonce,
      `${PUBLIC_URL}/lti/launch`,
    );

  /** Logs in with a fresh browser, then posts the token `build` makes for the issued nonce. */
  async function launchWith(
    build: (nonce: string) => Promise<string> | string,
    options: { withDeploymentId?: boolean } = {},
  ): Promise<request.Response> {
    const browser = request.agent(world.app);
    const { state, nonce } = await startLogin(world, browser, 'hint-reject', options);
    return browser
      .post('/lti/launch')
      .type('form')
      .send({ id_token: await build(nonce), state });
  }

  /** A 4xx with an accessible page naming the code, the details logged, and no person stored. */
  async function expectRejected(
    res: request.Response,
    status: number,
    code: ErrorCode,
  ): Promise<Record<string, unknown>> {
    expect(res.status, res.text).to.equal(status);
    expect(res.text).to.contain('<html lang="sv">').and.contain('<main').and.contain(code);
    expect(res.text.match(/<h1[\s>]/g)).to.have.length(1);
    const logged = world.logger.entries.filter((entry) => entry.level === 'warn').at(-1);
    expect(logged?.details.code, `${code} logged`).to.equal(code);
    expect(await world.peopleCount(), 'nothing stored').to.equal(peopleBefore);
    return (logged?.details.details ?? {}) as Record<string, unknown>;
  }

  it('rejects a forged signature (another key under the published kid)', async () => {
    const details = await expectRejected(
      await launchWith((nonce) => world.emulator.signIdToken(claims(nonce), { with: 'forged' })),
      401,
      'LTI_TOKEN_INVALID',
    );
    expect(String(details.reason)).to.match(/signature/i);
  });

  it('rejects an unsigned token (alg=none)', async () => {
    const details = await expectRejected(
      await launchWith((nonce) => world.emulator.unsignedIdToken(claims(nonce))),
      401,
      'LTI_TOKEN_INVALID',
    );
    expect(details.alg).to.equal('none');
  });

  it('rejects a token signed with a key the platform does not publish (unknown kid, even after refetching)', async () => {
    await expectRejected(
      await launchWith((nonce) => world.emulator.signIdToken(claims(nonce), { with: 'unpublished' })),
      401,
      'LTI_TOKEN_KEY_UNKNOWN',
    );
  });

  it('rejects a wrong issuer', async () => {
    const details = await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(claims(nonce, { iss: 'https://other-lms.example.se' })),
      ),
      401,
      'LTI_TOKEN_INVALID',
    );
    expect(details.claim).to.equal('iss');
  });

  it('rejects a token for another audience, and several audiences without our azp', async () => {
    const wrongAudience = await expectRejected(
      await launchWith((nonce) => world.emulator.signIdToken(claims(nonce, { aud: 'another-tool' }))),
      401,
      'LTI_TOKEN_INVALID',
    );
    expect(wrongAudience.claim).to.equal('aud');
    const wrongAzp = await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(
          claims(nonce, { aud: [world.emulator.clientId, 'another-tool'], azp: 'another-tool' }),
        ),
      ),
      401,
      'LTI_TOKEN_INVALID',
    );
    expect(wrongAzp.claim).to.equal('azp');
  });

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRejected(
      await launchWith((nonce) => world.emulator.signIdToken(claims(nonce, { iat: past - 60, exp: past }))),
      401,
      'LTI_TOKEN_EXPIRED',
    );
  });

  it('rejects a replayed launch: the same form again, and its token with a new login', async () => {
    const browser = request.agent(world.app);
    world.emulator.prepareLaunch('hint-replay', { user: learner(), course: 'handledare' });
    const { authorizeUrl } = await startLogin(world, browser, 'hint-replay');
    const form = await authorize(authorizeUrl);
    expect((await browser.post('/lti/launch').type('form').send(form.fields)).status).to.equal(303);
    peopleBefore = await world.peopleCount();
    await expectRejected(
      await browser.post('/lti/launch').type('form').send(form.fields),
      400,
      'LTI_STATE_UNKNOWN',
    );
    const fresh = await startLogin(world, browser, 'hint-replay');
    await expectRejected(
      await browser
        .post('/lti/launch')
        .type('form')
        .send({ id_token: form.fields.id_token, state: fresh.state }),
      401,
      'LTI_NONCE_MISMATCH',
    );
  });

  it('rejects a nonce other than the one issued for the state', async () => {
    await expectRejected(
      await launchWith(() => world.emulator.signIdToken(claims('a-nonce-this-tool-never-issued'))),
      401,
      'LTI_NONCE_MISMATCH',
    );
  });

  it('rejects a state this tool did not issue', async () => {
    const browser = request.agent(world.app);
    const { nonce } = await startLogin(world, browser, 'hint-state');
    const res = await browser
      .post('/lti/launch')
      .type('form')
      .send({ id_token: await world.emulator.signIdToken(claims(nonce)), state: 'forged-state' });
    await expectRejected(res, 400, 'LTI_STATE_UNKNOWN');
  });

  it('rejects an id_token and state delivered to another browser (no login cookie)', async () => {
    world.emulator.prepareLaunch('hint-other-browser', { user: learner(), course: 'handledare' });
    const { authorizeUrl } = await startLogin(world, request.agent(world.app), 'hint-other-browser');
    const form = await authorize(authorizeUrl);
    await expectRejected(
      await request.agent(world.app).post('/lti/launch').type('form').send(form.fields),
      403,
      'LTI_STATE_BROWSER_MISMATCH',
    );
  });

  it('rejects a launch without a deployment_id', async () => {
    await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(claims(nonce, { [LTI_CLAIMS.deploymentId]: undefined })),
      ),
      403,
      'LTI_DEPLOYMENT_UNKNOWN',
    );
  });

  it('rejects an unknown deployment_id, at login and at launch', async () => {
    const atLogin = await request(world.app)
      .get('/lti/login')
      .query(loginParams(world, 'hint-dep', { lti_deployment_id: 'unknown-deployment' }));
    await expectRejected(atLogin, 403, 'LTI_DEPLOYMENT_UNKNOWN');
    const token = (nonce: string) =>
      world.emulator.signIdToken(claims(nonce, { [LTI_CLAIMS.deploymentId]: 'unknown-deployment' }));
    await expectRejected(await launchWith(token, { withDeploymentId: false }), 403, 'LTI_DEPLOYMENT_UNKNOWN');
  });

  it('rejects a message type other than a resource link launch', async () => {
    const token = (nonce: string) =>
      world.emulator.signIdToken(
        claims(nonce, { [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.deepLinkingResponse }),
      );
    await expectRejected(await launchWith(token), 400, 'LTI_MESSAGE_TYPE_UNSUPPORTED');
  });

  it('rejects an LTI version other than 1.3.0', async () => {
    await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(claims(nonce, { [LTI_CLAIMS.version]: '1.1.0' })),
      ),
      400,
      'LTI_VERSION_UNSUPPORTED',
    );
  });

  it('rejects a launch without a resource link, naming the claim in the log', async () => {
    await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(claims(nonce, { [LTI_CLAIMS.resourceLink]: undefined })),
      ),
      400,
      'LTI_CLAIMS_INVALID',
    );
    const logged = world.logger.entries.filter((entry) => entry.details.code === 'LTI_CLAIMS_INVALID').at(-1);
    expect(JSON.stringify(logged?.details)).to.contain(`${LTI_CLAIMS.resourceLink}#id`);
  });

  // A link without a course is no error: see courseChoice.test.ts (chooser for teachers).
  it('rejects a course that does not exist', async () => {
    await expectRejected(
      await launchWith((nonce) =>
        world.emulator.signIdToken(claims(nonce, { [LTI_CLAIMS.custom]: { course: 'finns-inte' } })),
      ),
      404,
      'LTI_COURSE_UNKNOWN',
    );
  });

  it('rejects a launch post without id_token or state', async () => {
    await expectRejected(
      await request(world.app).post('/lti/launch').type('form').send({ state: 'x' }),
      400,
      'LTI_TOKEN_MISSING',
    );
  });

  it('rejects a registration still pending, at login and at launch', async () => {
    const pending = await PlatformEmulator.start({ clientId: 'pending-client' });
    try {
      const registration = await database().stores.tenants.addPlatform({
        issuer: pending.issuer,
        clientId: pending.clientId,
        name: 'Väntande',
        authUrl: pending.authUrl,
        tokenUrl: pending.tokenUrl,
        jwksUrl: pending.jwksUrl,
        status: 'pending',
      });
      await database().stores.tenants.addDeployment(
        registration.id,
        pending.deploymentId,
        world.organisation.id,
      );
      const login = {
        iss: pending.issuer,
        login_hint: 'p',
        target_link_uri: `${PUBLIC_URL}/lti/launch`,
        client_id: pending.clientId,
      };
      await expectRejected(
        await request(world.app).get('/lti/login').query(login),
        403,
        'LTI_REGISTRATION_PENDING',
      );

      // An approval withdrawn between login and launch (set directly: the store has no un-approve).
      await database().stores.tenants.approvePlatform(registration.id);
      const browser = request.agent(world.app);
      const redirect = await browser.get('/lti/login').query(login).expect(302);
      const issued = new URL(String(redirect.headers.location));
      await database().knex('platforms').where({ id: registration.id }).update({ status: 'pending' });
      const nonce = issued.searchParams.get('nonce') ?? '';
      const token = await pending.signIdToken(
        pending.launchClaims({ user: learner(), course: 'handledare' }, nonce, `${PUBLIC_URL}/lti/launch`),
      );
      await expectRejected(
        await browser
          .post('/lti/launch')
          .type('form')
          .send({ id_token: token, state: issued.searchParams.get('state') }),
        403,
        'LTI_REGISTRATION_PENDING',
      );
    } finally {
      await pending.stop();
    }
  });

  it('still accepts a genuine launch after all the rejections (the checks do not over-reject)', async () => {
    world.emulator.prepareLaunch('hint-genuine', { user: learner(), course: 'handledare' });
    expect((await launchThrough(world, request.agent(world.app), 'hint-genuine')).status).to.equal(303);
  });
});
