import { LTI_CLAIMS, LTI_MESSAGE_TYPES, LTI_VERSION } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createLaunchWorld, instructor, launchThrough, PUBLIC_URL, type LaunchWorld } from './launchHarness';

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

/** Reads a form of one of our pages: its action and its hidden fields. */
function readForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`the page has no form: ${html}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) {
    fields[unescape(name ?? '')] = unescape(value ?? '');
  }
  return { action: unescape(action), fields };
}

function formBody(token: string, courses: readonly string[]): string {
  const body = new URLSearchParams({ token });
  for (const course of courses) body.append('course', course);
  return body.toString();
}

describeEachEngine('LTI Deep Linking', (database) => {
  let world: LaunchWorld;
  before(async () => {
    world = await createLaunchWorld(database());
    await database().stores.courses.registerVersion({
      courseSlug: 'styrelse',
      courseTitle: 'Styrelseutbildning',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256-styrelse',
      outline: {
        title: 'Styrelseutbildning',
        masteryScore: 80,
        lessons: [{ id: 's1', title: 'Uppdraget', minutes: 30 }],
      },
    });
  });
  after(() => world.close());

  const sessionCount = async (): Promise<number> =>
    Number(
      (await database().knex('lti_deep_link_sessions').count<{ count: string }[]>('* as count'))[0]?.count,
    );

  /** Login → platform → launch of a Deep Linking request; returns the picker page. */
  async function openPicker(hint: string, settings: { data?: string; acceptMultiple?: boolean } = {}) {
    world.emulator.prepareLaunch(hint, {
      user: instructor(),
      deepLinking: { data: 'opaque-42', ...settings },
    });
    const res = await launchThrough(world, request.agent(world.app), hint);
    expect(res.status, res.text).to.equal(200);
    return { res, form: readForm(res.text) };
  }

  async function submit(action: string, token: string, courses: readonly string[]) {
    return request(world.app).post(new URL(action).pathname).type('form').send(formBody(token, courses));
  }

  it('shows an accessible Swedish picker with a labelled checkbox per course', async () => {
    const { res, form } = await openPicker('dl-picker');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.text).to.match(/<html lang="sv">/);
    expect(res.text.match(/<h1[\s>]/g)).to.have.length(1);
    expect(res.text).to.contain('<main').and.contain('<header').and.contain('<footer');
    expect(res.text).to.match(/<fieldset>\s*<legend>/);
    for (const slug of ['handledare', 'styrelse']) {
      expect(res.text).to.match(
        new RegExp(`<input type="checkbox" id="kurs-${slug}" name="course" value="${slug}"`),
      );
      expect(res.text).to.contain(`<label for="kurs-${slug}">`);
    }
    expect(res.text).to.contain('Handledarutbildning').and.contain('cirka 45 minuter');
    expect(form.action).to.equal(`${PUBLIC_URL}/lti/deep-linking`);
    expect(form.fields.token).to.have.length.greaterThan(40);
  });

  it('returns a response JWT signed with the key at /lti/keys, which the platform accepts', async () => {
    const { form } = await openPicker('dl-round-trip');
    const res = await submit(form.action, form.fields.token ?? '', ['handledare', 'styrelse']);
    expect(res.status, res.text).to.equal(200);
    const back = readForm(res.text);
    expect(back.action).to.equal(world.emulator.deepLinkReturnUrl);
    expect(res.text)
      .to.contain('data-auto-submit')
      .and.contain(`<script src="${PUBLIC_URL}/lti/assets/auto-submit.js"></script>`);
    const script = await request(world.app).get('/lti/assets/auto-submit.js').expect(200);
    expect(script.headers['content-type']).to.match(/javascript/);
    expect(script.text).to.contain('form[data-auto-submit]');
    const jwt = back.fields.JWT ?? '';

    const jwks = (await request(world.app).get('/lti/keys').expect(200)).body as JSONWebKeySet;
    expect(decodeProtectedHeader(jwt).kid).to.equal(jwks.keys[0]?.kid).and.be.a('string');
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: world.emulator.clientId,
      audience: world.emulator.issuer,
      requiredClaims: ['iat', 'exp', 'nonce'],
    });
    expect(payload[LTI_CLAIMS.messageType]).to.equal(LTI_MESSAGE_TYPES.deepLinkingResponse);
    expect(payload[LTI_CLAIMS.version]).to.equal(LTI_VERSION);
    expect(payload[LTI_CLAIMS.deploymentId]).to.equal(world.emulator.deploymentId);
    expect(payload[LTI_CLAIMS.deepLinkingData]).to.equal('opaque-42');
    expect(payload[LTI_CLAIMS.deepLinkingContentItems]).to.deep.equal([
      {
        type: 'ltiResourceLink',
        title: 'Handledarutbildning',
        url: `${PUBLIC_URL}/lti/launch`,
        custom: { course: 'handledare' },
        lineItem: { scoreMaximum: 100, label: 'Handledarutbildning', resourceId: 'handledare' },
      },
      {
        type: 'ltiResourceLink',
        title: 'Styrelseutbildning',
        url: `${PUBLIC_URL}/lti/launch`,
        custom: { course: 'styrelse' },
        lineItem: { scoreMaximum: 100, label: 'Styrelseutbildning', resourceId: 'styrelse' },
      },
    ]);

    // The browser's auto-post reaches the platform, which verifies it against /lti/keys too.
    const before = world.emulator.deepLinkResponses.length;
    const posted = await fetch(back.action, { method: 'POST', body: new URLSearchParams(back.fields) });
    expect(posted.status, await posted.text()).to.equal(200);
    expect(world.emulator.deepLinkResponses).to.have.length(before + 1);
    expect(world.emulator.deepLinkResponses.at(-1)?.[LTI_CLAIMS.deepLinkingContentItems]).to.have.length(2);
  });

  it('refuses a form with a token it did not issue, storing nothing', async () => {
    const sessions = await sessionCount();
    const res = await submit(`${PUBLIC_URL}/lti/deep-linking`, 'forged-token', ['handledare']);
    expect(res.status).to.equal(403);
    expect(res.text)
      .to.contain('LTI_DEEP_LINKING_SESSION_UNKNOWN')
      .and.match(/<html lang="sv">/);
    const missing = await request(world.app).post('/lti/deep-linking').type('form').send('course=handledare');
    expect(missing.status).to.equal(403);
    expect(await sessionCount()).to.equal(sessions);
    expect(
      world.logger.entries.some((entry) => entry.details.code === 'LTI_DEEP_LINKING_SESSION_UNKNOWN'),
    ).to.equal(true);
  });

  it('accepts each picker token once: a replayed form is refused', async () => {
    const { form } = await openPicker('dl-replay');
    const token = form.fields.token ?? '';
    expect((await submit(form.action, token, ['handledare'])).status).to.equal(200);
    const replay = await submit(form.action, token, ['handledare']);
    expect(replay.status).to.equal(403);
    expect(replay.text).to.contain('LTI_DEEP_LINKING_SESSION_UNKNOWN');
  });

  it('answers a form with no course picked with 422 and the picker again, under a fresh token', async () => {
    const { form } = await openPicker('dl-none');
    const res = await submit(form.action, form.fields.token ?? '', []);
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/<p role="alert"><strong>Välj minst en kurs\.<\/strong><\/p>/);
    const again = readForm(res.text);
    expect(again.fields.token).to.be.a('string').and.not.equal(form.fields.token);
    // The spent token stays spent; the fresh one works.
    expect((await submit(form.action, form.fields.token ?? '', ['handledare'])).status).to.equal(403);
    expect((await submit(again.action, again.fields.token ?? '', ['styrelse'])).status).to.equal(200);
  });

  it('offers radio buttons and refuses two courses when the platform accepts one item', async () => {
    const { res, form } = await openPicker('dl-single', { acceptMultiple: false });
    expect(res.text).to.contain('type="radio"').and.not.contain('type="checkbox"');
    const two = await submit(form.action, form.fields.token ?? '', ['handledare', 'styrelse']);
    expect(two.status).to.equal(422);
    const unknown = await submit(form.action, readForm(two.text).fields.token ?? '', ['finns-inte']);
    expect(unknown.status).to.equal(422);
  });

  it('rejects a deep linking request without a return URL or ltiResourceLink, storing nothing', async () => {
    const sessions = await sessionCount();
    world.emulator.prepareLaunch('dl-bad-settings', {
      user: instructor(),
      deepLinking: {},
      claims: { [LTI_CLAIMS.deepLinkingSettings]: { accept_types: ['file'] } },
    });
    const res = await launchThrough(world, request.agent(world.app), 'dl-bad-settings');
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('LTI_CLAIMS_INVALID');
    const logged = world.logger.entries.at(-1)?.details.details as { problems: { claim: string }[] };
    expect(logged.problems.map((problem) => problem.claim)).to.deep.equal([
      `${LTI_CLAIMS.deepLinkingSettings}#deep_link_return_url`,
      `${LTI_CLAIMS.deepLinkingSettings}#accept_types`,
    ]);
    expect(await sessionCount()).to.equal(sessions);
  });
});
