import { LTI_MESSAGE_TYPES, LTI_REGISTRATION, LTI_SCOPES, type Stores } from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine, parseAutoPostForm, PlatformEmulator } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/index';
import { learner, PUBLIC_URL, RecordingLogger, registerHandledareCourse } from './launchHarness';

/** Login → platform → launch through `emulator`; returns the launch response. */
async function launch(app: Express, emulator: PlatformEmulator, hint: string): Promise<request.Response> {
  emulator.prepareLaunch(hint, { user: learner(), course: 'handledare' });
  const browser = request.agent(app);
  const login = await browser.get('/lti/login').query({
    iss: emulator.issuer,
    login_hint: hint,
    target_link_uri: `${PUBLIC_URL}/lti/launch`,
    client_id: emulator.clientId,
  });
  if (login.status !== 302) return login;
  const form = parseAutoPostForm(await (await fetch(String(login.headers.location))).text());
  return browser.post(new URL(form.action).pathname).type('form').send(form.fields);
}

function registerQuery(emulator: PlatformEmulator, token = emulator.registrationToken) {
  return { openid_configuration: emulator.openIdConfigurationUrl, registration_token: token };
}

describeEachEngine('LTI Dynamic Registration', (database) => {
  const emulators: PlatformEmulator[] = [];
  let stores: Stores;
  let app: Express;
  let autoApproveApp: Express;
  const logger = new RecordingLogger();

  async function emulator(options: { advertisedIssuer?: string } = {}): Promise<PlatformEmulator> {
    const started = await PlatformEmulator.start({ clientId: `dyn-${randomUUID()}`, ...options });
    emulators.push(started);
    return started;
  }
  const platformCount = async () => (await stores.tenants.listPlatforms()).length;

  before(async () => {
    stores = database().stores;
    const lti = createLtiStores(database().knex, { encryptionKey: randomBytes(32) });
    await registerHandledareCourse(stores);
    app = createApp({ stores, lti, logger }, { publicUrl: PUBLIC_URL });
    autoApproveApp = createApp({ stores, lti, logger }, { publicUrl: PUBLIC_URL, autoApprove: true });
  });
  after(() => Promise.all(emulators.map((started) => started.stop())));

  it('registers with the platform, stores it pending with its deployment, and launches once approved', async () => {
    const platform = await emulator();
    const res = await request(app).get('/lti/register').query(registerQuery(platform));
    expect(res.status, res.text).to.equal(200);
    expect(res.text).to.match(/<html lang="sv">/);
    expect(res.text.match(/<h1[\s>]/g)).to.have.length(1);
    // The close message comes from a script file: the LTI pages' CSP allows no inline script.
    expect(res.text).to.contain('<script src="/lti/assets/registration-close.js"></script>');
    expect(res.text).not.to.match(/<script>/);
    const close = await request(app).get('/lti/assets/registration-close.js').expect(200);
    expect(close.headers['content-type']).to.match(/javascript/);
    expect(close.text).to.contain(
      `(window.opener || window.parent).postMessage({"subject":"${LTI_REGISTRATION.closeMessageSubject}"}, '*')`,
    );

    // What the tool sent (Dynamic Registration §3.5.2).
    expect(platform.registrations).to.have.length(1);
    const sent = platform.registrations[0] ?? {};
    expect(sent).to.deep.include({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: `${PUBLIC_URL}/lti/login`,
      redirect_uris: [`${PUBLIC_URL}/lti/launch`],
      jwks_uri: `${PUBLIC_URL}/lti/keys`,
      token_endpoint_auth_method: 'private_key_jwt',
    });
    expect(String(sent.scope).split(' ')).to.include.members([
      LTI_SCOPES.agsScore,
      LTI_SCOPES.agsResultReadOnly,
      LTI_SCOPES.nrpsMembershipReadOnly,
    ]);
    const tool = sent[LTI_REGISTRATION.toolConfiguration] as Record<string, unknown>;
    expect(tool).to.deep.include({
      domain: 'kompetenta.test',
      target_link_uri: `${PUBLIC_URL}/lti/launch`,
      custom_parameters: {},
    });
    expect(tool.claims).to.include.members(['sub', 'name', 'email']);
    expect((tool.messages as { type: string }[]).map((message) => message.type)).to.deep.equal([
      LTI_MESSAGE_TYPES.resourceLink,
      LTI_MESSAGE_TYPES.deepLinkingRequest,
    ]);

    // What the tool stored: pending, one deployment, a new organisation named after the platform.
    const stored = await stores.tenants.findPlatform(platform.issuer, platform.clientId);
    expect(stored).to.include({ status: 'pending', authUrl: platform.authUrl, jwksUrl: platform.jwksUrl });
    expect(res.text).to.contain(`kompetenta platform approve ${stored?.id ?? ''}`);
    const deployments = await stores.tenants.listDeployments(stored?.id ?? '');
    expect(deployments.map((deployment) => deployment.deploymentId)).to.deep.equal([platform.deploymentId]);
    const organisation = await stores.organisations.get(deployments[0]?.organisationId ?? '');
    expect(organisation.name).to.equal(`emulator (${new URL(platform.issuer).host})`);

    // Pending: no launch. Approved (what `kompetenta platform approve` does): the launch lands.
    const refused = await launch(app, platform, 'dyn-pending');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('LTI_REGISTRATION_PENDING');
    await stores.tenants.approvePlatform(stored?.id ?? '');
    const accepted = await launch(app, platform, 'dyn-approved');
    // A learner lands in the player of the course the link names.
    expect(accepted.status, accepted.text).to.equal(303);
    expect(String(accepted.headers.location)).to.match(/\/play\/[0-9a-f-]{36}\?token=/);
  });

  it('approves at once with autoApprove, and the first launch lands', async () => {
    const platform = await emulator();
    const res = await request(autoApproveApp).get('/lti/register').query(registerQuery(platform));
    expect(res.status, res.text).to.equal(200);
    expect(res.text).to.contain('godkänd').and.not.contain('kompetenta platform approve');
    expect(await stores.tenants.findPlatform(platform.issuer, platform.clientId)).to.include({
      status: 'approved',
    });
    expect((await launch(autoApproveApp, platform, 'dyn-auto')).status).to.equal(303);
  });

  it('refuses a configuration whose issuer is not on the host it was fetched from, storing nothing', async () => {
    const platform = await emulator({ advertisedIssuer: 'https://lms.elsewhere.example' });
    const before = await platformCount();
    const res = await request(app).get('/lti/register').query(registerQuery(platform));
    expect(res.status).to.equal(400);
    expect(res.text)
      .to.contain('LTI_REGISTRATION_ISSUER_MISMATCH')
      .and.contain('Registreringen kunde inte genomföras');
    expect(platform.registrations).to.have.length(0);
    expect(await platformCount()).to.equal(before);
  });

  it('refuses a request without openid_configuration, and reports a refused token as a platform failure', async () => {
    const missing = await request(app).get('/lti/register');
    expect(missing.status).to.equal(400);
    expect(missing.text).to.contain('LTI_REGISTRATION_REQUEST_INVALID');
    const platform = await emulator();
    const before = await platformCount();
    const refused = await request(app).get('/lti/register').query(registerQuery(platform, 'wrong-token'));
    expect(refused.status).to.equal(502);
    expect(refused.text).to.contain('LTI_REGISTRATION_FAILED');
    expect(await platformCount()).to.equal(before);
    const logged = logger.entries.find((entry) => entry.details.code === 'LTI_REGISTRATION_FAILED');
    expect(logged?.details.details).to.deep.include({ status: 401 });
  });
});
