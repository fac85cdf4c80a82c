import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createStandaloneRouter } from '../../src/index';
import {
  createLaunchWorld,
  HTTPS_PUBLIC_URL,
  instructor,
  launchThrough,
  learner,
  PUBLIC_URL,
  type LaunchWorld,
} from './launchHarness';

function h1Count(html: string): number {
  return html.match(/<h1[\s>]/g)?.length ?? 0;
}

describeEachEngine('LTI login and launch', (database) => {
  let world: LaunchWorld;
  before(async () => {
    world = await createLaunchWorld(database());
  });
  after(() => world.close());

  it('redirects the login to the platform with a fresh state and nonce, bound to the browser by a cookie', async () => {
    const browser = request.agent(world.httpsApp);
    world.emulator.prepareLaunch('hint-redirect', { user: learner(), course: 'handledare' });
    const res = await browser.get('/lti/login').query({
      iss: world.emulator.issuer,
      login_hint: 'hint-redirect',
      target_link_uri: `${HTTPS_PUBLIC_URL}/lti/launch`,
      client_id: world.emulator.clientId,
      lti_message_hint: 'message-hint',
    });
    expect(res.status).to.equal(302);
    const location = new URL(String(res.headers.location));
    expect(location.origin + location.pathname).to.equal(world.emulator.authUrl);
    expect(Object.fromEntries(location.searchParams)).to.include({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: world.emulator.clientId,
      redirect_uri: `${HTTPS_PUBLIC_URL}/lti/launch`,
      login_hint: 'hint-redirect',
      lti_message_hint: 'message-hint',
    });
    expect(location.searchParams.get('state')).to.have.length.greaterThan(40);
    expect(location.searchParams.get('nonce')).to.not.equal(location.searchParams.get('state'));
    const cookie = String(res.headers['set-cookie']);
    // Named after the random part of the state (the hints after the dot can be long).
    const random = String(location.searchParams.get('state')).split('.')[0];
    expect(cookie).to.contain(`kompetenta_lti_${random}=`);
    expect(cookie)
      .to.match(/HttpOnly/i)
      .and.match(/Secure/i)
      .and.match(/SameSite=None/i)
      .and.match(/Partitioned/i);
  });

  it('uses a SameSite=Lax cookie without Secure when the public URL is plain http (development)', async () => {
    world.emulator.prepareLaunch('hint-http', { user: learner(), course: 'handledare' });
    const res = await request(world.app)
      .get('/lti/login')
      .query({
        iss: world.emulator.issuer,
        login_hint: 'hint-http',
        target_link_uri: `${PUBLIC_URL}/lti/launch`,
        client_id: world.emulator.clientId,
      });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie)
      .to.match(/SameSite=Lax/i)
      .and.not.match(/Secure/i);
  });

  it('accepts the same login by POST', async () => {
    const browser = request.agent(world.app);
    const res = await browser
      .post('/lti/login')
      .type('form')
      .send({
        iss: world.emulator.issuer,
        login_hint: 'hint-post',
        target_link_uri: `${PUBLIC_URL}/lti/launch`,
        client_id: world.emulator.clientId,
      });
    expect(res.status).to.equal(302);
    expect(String(res.headers.location)).to.contain(world.emulator.authUrl);
  });

  it('launches a learner: upserts the person with name, e-mail and roles, and sends them to the course in the player', async () => {
    const user = learner();
    world.emulator.prepareLaunch('hint-learner', { user, course: 'handledare' });
    const launched = await launchThrough(world, request.agent(world.app), 'hint-learner');
    expect(launched.status, launched.text).to.equal(303);
    const player = new URL(String(launched.headers.location));
    expect(player.origin + player.pathname).to.match(new RegExp(`^${PUBLIC_URL}/play/[0-9a-f-]{36}$`));
    const res = await request(world.app).get(player.pathname + player.search);
    expect(res.status, res.text).to.equal(200);
    expect(res.text).to.contain('<html lang="sv">').and.contain('<main').and.contain('<header');
    expect(h1Count(res.text)).to.equal(1);
    expect(res.text).to.contain('Handledarutbildning').and.contain('Rollen som handledare');
    const people = await database().stores.people.list(world.organisation.id);
    const stored = people.find((person) => person.ltiSubject === user.sub);
    expect(stored).to.include({
      name: 'Åsa Lärling',
      email: 'asa@example.se',
      ltiIssuer: world.emulator.issuer,
    });
    expect(stored?.roles).to.deep.equal(user.roles);
  });

  it('launches an instructor onto the course overview, which lists the learners who started and their status', async () => {
    const student = { ...learner(), name: 'Kim Kursdeltagare' };
    world.emulator.prepareLaunch('hint-student', { user: student, course: 'handledare' });
    expect((await launchThrough(world, request.agent(world.app), 'hint-student')).status).to.equal(303);
    const stores = database().stores;
    const person = (await stores.people.list(world.organisation.id)).find(
      (candidate) => candidate.ltiSubject === student.sub,
    );
    const version = await stores.courses.latestVersion('handledare');
    const attempt = await stores.attempts.create({
      organisationId: world.organisation.id,
      personId: person!.id,
      courseVersionId: version!.id,
      scormVersion: '2004',
    });
    await stores.attempts.applyCommit({
      attemptId: attempt.id,
      organisationId: world.organisation.id,
      seq: 1,
      cmi: {},
      completionStatus: 'completed',
      successStatus: 'unknown',
      scoreScaled: null,
      totalTimeSeconds: 600,
    });

    const teacher = instructor();
    world.emulator.prepareLaunch('hint-teacher', { user: teacher, course: 'handledare' });
    const res = await launchThrough(world, request.agent(world.app), 'hint-teacher');
    expect(res.status, res.text).to.equal(200);
    expect(h1Count(res.text)).to.equal(1);
    expect(res.text).to.contain('<h1>Kursöversikt: Handledarutbildning</h1>').and.contain('Tomas Handledare');
    expect(res.text).to.match(/<td>Kim Kursdeltagare<\/td>\s*<td>Slutförd<\/td>/);
    const stored = (await stores.people.list(world.organisation.id)).find(
      (candidate) => candidate.ltiSubject === teacher.sub,
    );
    expect(stored?.roles).to.deep.equal(teacher.roles);

    // The statistics need a first-party session: a single-use link opens them in a new window.
    const handoff = /href="(\/auth\/handoff\?token=[^"]+)"/.exec(res.text)?.[1];
    expect(handoff, 'handoff link on the overview').to.be.a('string');
    const standalone = express().use(
      createStandaloneRouter({ stores, logger: world.logger }, { publicUrl: PUBLIC_URL }),
    );
    const first = await request(standalone).get(handoff!.replace(/&amp;/g, '&')).expect(303);
    expect(first.headers.location).to.equal('/org');
    expect(String(first.headers['set-cookie'])).to.contain('kompetenta_session=');
    await request(standalone).get(handoff!.replace(/&amp;/g, '&')).expect(410);
  });

  it('updates the same person on a second launch rather than adding another', async () => {
    const user = learner();
    world.emulator.prepareLaunch('hint-again', { user, course: 'handledare' });
    await launchThrough(world, request.agent(world.app), 'hint-again').then((res) =>
      expect(res.status).to.equal(303),
    );
    const before = await world.peopleCount();
    world.emulator.prepareLaunch('hint-again', {
      user: { ...user, name: 'Åsa Nyberg' },
      course: 'handledare',
    });
    const res = await launchThrough(world, request.agent(world.app), 'hint-again');
    expect(res.status).to.equal(303);
    const people = await database().stores.people.list(world.organisation.id);
    expect(people.find((person) => person.ltiSubject === user.sub)?.name).to.equal('Åsa Nyberg');
    expect(await world.peopleCount()).to.equal(before);
  });

  it('accepts a token signed with a rotated key: an unknown kid makes the tool fetch the JWKS again', async () => {
    world.emulator.prepareLaunch('hint-rotate-1', { user: learner(), course: 'handledare' });
    expect((await launchThrough(world, request.agent(world.app), 'hint-rotate-1')).status).to.equal(303);
    await world.emulator.rotateKey();
    world.emulator.prepareLaunch('hint-rotate-2', { user: learner(), course: 'handledare' });
    expect((await launchThrough(world, request.agent(world.app), 'hint-rotate-2')).status).to.equal(303);
  });

  it('publishes the tool key as a JWKS, generated once and the same afterwards', async () => {
    const first = await request(world.app).get('/lti/keys').expect(200);
    const second = await request(world.app).get('/lti/keys').expect(200);
    const keys = (first.body as { keys: Record<string, unknown>[] }).keys;
    expect(keys).to.have.length(1);
    expect(keys[0]).to.include({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.to.have.property('d');
    expect(second.body).to.deep.equal(first.body);
  });

  it('starts no login for an unregistered platform and stores no state for it', async () => {
    const states = async () =>
      Number((await database().knex('lti_login_states').count<{ count: string }[]>('* as count'))[0]?.count);
    const before = await states();
    const res = await request(world.app)
      .get('/lti/login')
      .query({
        iss: 'https://unknown.example.se',
        login_hint: 'x',
        target_link_uri: `${PUBLIC_URL}/lti/launch`,
        client_id: 'c',
      });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('LTI_PLATFORM_UNKNOWN').and.contain('<html lang="sv">');
    expect(res.headers['set-cookie']).to.equal(undefined);
    expect(await states()).to.equal(before);
  });

  it('reports every problem of a malformed login at once', async () => {
    const res = await request(world.app)
      .get('/lti/login')
      .query({ iss: 'not a url', target_link_uri: 'https://elsewhere.example.com/' });
    expect(res.status).to.equal(400);
    const logged = world.logger.entries.find((entry) => entry.details.code === 'LTI_LOGIN_INVALID');
    expect((logged?.details.details as { problems: string[] }).problems).to.deep.equal([
      'iss is not an http(s) URL',
      'login_hint is missing',
      'client_id is missing',
      'target_link_uri is not on this tool (http://kompetenta.test)',
    ]);
  });
});
