import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { handoffFor, sessionCookie, sessionTestApp, standalonePerson } from './sessionHarness';

function csrfFrom(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no CSRF field');
  return match[1]!;
}

describeEachEngine('web sessions: cookie, access levels, expiry, sign-out, handoff', (database) => {
  it('sends no session to sign-in (HTML redirect, JSON 401) and sets a hardened cookie from a handoff', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock, { publicUrl: 'https://kompetenta.example.se' });
    const redirect = await request(app).get('/whoami?x=1').set('Accept', 'text/html').expect(303);
    expect(redirect.headers.location).to.equal('/signin?next=%2Fwhoami%3Fx%3D1');
    const json = await request(app).get('/whoami').set('Accept', 'application/json').expect(401);
    expect(json.body).to.include({ code: 'SESSION_COOKIE_MISSING' });

    const { organisation, person } = await standalonePerson(database(), 'ida@example.se', 'Ida Svensson');
    const path = await handoffFor(database().stores, clock, {
      personId: person.id,
      organisationId: organisation.id,
    });
    const signedIn = await request(app).get(path).expect(303);
    expect(signedIn.headers.location).to.equal('/org');
    const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] as unknown as string[]);
    const cookie = setCookie.find((c) => c.startsWith('kompetenta_session='))!;
    expect(cookie)
      .to.match(/HttpOnly/)
      .and.match(/SameSite=Lax/)
      .and.match(/Secure/)
      .and.match(/Path=\//);
    const value = sessionCookie(setCookie).split('=')[1]!;
    expect(value).to.match(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored: the raw id finds nothing.
    expect(await database().stores.webSessions.findActive(value, clock.now())).to.equal(null);

    const who = await request(app).get('/whoami').set('Cookie', sessionCookie(setCookie)).expect(200);
    expect(who.body).to.deep.equal({
      personId: person.id,
      organisationId: organisation.id,
      name: 'Ida Svensson',
      access: 'org_admin',
    });
  });

  it('over plain http the cookie is not Secure; a learner gets an accessible 403 on admin pages', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock);
    const { organisation, person } = await standalonePerson(database(), 'jon@example.se', 'Jon Nilsson');
    // A learner session, straight from the store's sign-in link path used by invitations.
    const path = await handoffFor(database().stores, clock, {
      personId: person.id,
      organisationId: organisation.id,
    });
    const signedIn = await request(app).get(path).expect(303);
    const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] as unknown as string[]);
    expect(setCookie.find((c) => c.startsWith('kompetenta_session='))).not.to.match(/Secure/);
    await request(app).get('/admin-only').set('Cookie', sessionCookie(setCookie)).expect(200);

    const { organisation: org2, person: learner } = await standalonePerson(
      database(),
      'kim@example.se',
      'Kim Ek',
    );
    const token = await database().stores.transaction(async (stores) => {
      const { generateOpaqueToken, hashOpaqueToken } = await import('@kompetenta/core');
      const raw = generateOpaqueToken();
      await stores.signInLinks.create({
        tokenHash: hashOpaqueToken(raw),
        personId: learner.id,
        organisationId: org2.id,
        purpose: 'handoff',
        access: 'learner',
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 60_000),
      });
      return raw;
    });
    const learnerIn = await request(app).get(`/auth/handoff?token=${token}`).expect(303);
    expect(learnerIn.headers.location).to.equal('/courses');
    const denied = await request(app)
      .get('/admin-only')
      .set('Accept', 'text/html')
      .set('Cookie', sessionCookie(learnerIn.headers['set-cookie'] as unknown as string[]))
      .expect(403);
    expect(denied.text).to.include('<html lang="sv">').and.include('<h1>Ingen åtkomst</h1>');
    const deniedJson = await request(app)
      .get('/admin-only')
      .set('Accept', 'application/json')
      .set('Cookie', sessionCookie(learnerIn.headers['set-cookie'] as unknown as string[]))
      .expect(403);
    expect(deniedJson.body).to.include({ code: 'SESSION_ACCESS_DENIED' });
  });

  it('slides the expiry with use and ends an idle session', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock, {
      publicUrl: 'http://kompetenta.test',
      sessionIdleSeconds: 3600,
      sessionMaxSeconds: 3 * 3600,
    });
    const { organisation, person } = await standalonePerson(database(), 'lo@example.se', 'Lo Berg');
    const path = await handoffFor(database().stores, clock, {
      personId: person.id,
      organisationId: organisation.id,
    });
    const cookie = sessionCookie((await request(app).get(path).expect(303)).headers['set-cookie']);
    for (let i = 0; i < 2; i += 1) {
      clock.advanceSeconds(50 * 60);
      await request(app).get('/whoami').set('Accept', 'application/json').set('Cookie', cookie).expect(200);
    }
    // 100 minutes after sign-in, still in: each request moved the expiry an hour ahead.
    clock.advanceSeconds(61 * 60);
    const gone = await request(app)
      .get('/whoami')
      .set('Accept', 'application/json')
      .set('Cookie', cookie)
      .expect(401);
    expect(([] as string[]).concat(gone.headers['set-cookie'] as unknown as string[]).join()).to.match(
      /kompetenta_session=;/,
    );
  });

  it('never slides past the maximum lifetime', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock, {
      publicUrl: 'http://kompetenta.test',
      sessionIdleSeconds: 3600,
      sessionMaxSeconds: 2 * 3600,
    });
    const { organisation, person } = await standalonePerson(database(), 'max@example.se', 'Max Lund');
    const path = await handoffFor(database().stores, clock, {
      personId: person.id,
      organisationId: organisation.id,
    });
    const cookie = sessionCookie((await request(app).get(path).expect(303)).headers['set-cookie']);
    for (let i = 0; i < 3; i += 1) {
      clock.advanceSeconds(30 * 60);
      await request(app).get('/whoami').set('Accept', 'application/json').set('Cookie', cookie).expect(200);
    }
    // 121 minutes after sign-in and only 31 idle: past the two-hour maximum.
    clock.advanceSeconds(31 * 60);
    await request(app).get('/whoami').set('Accept', 'application/json').set('Cookie', cookie).expect(401);
  });

  it('rejects posts without the CSRF token of this session, and signs out only with it', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock);
    const { organisation, person } = await standalonePerson(database(), 'mia@example.se', 'Mia Ali');
    const path = await handoffFor(database().stores, clock, {
      personId: person.id,
      organisationId: organisation.id,
    });
    const cookie = sessionCookie((await request(app).get(path).expect(303)).headers['set-cookie']);
    const token = csrfFrom((await request(app).get('/form').set('Cookie', cookie).expect(200)).text);

    const missing = await request(app)
      .post('/change')
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({})
      .expect(403);
    expect(missing.text).to.include('Formuläret kunde inte skickas');
    await request(app)
      .post('/change')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: `${token.slice(0, -2)}AA` })
      .expect(403);
    // A token from another browser (no session, its own CSRF cookie) does not fit this session.
    const otherPage = await request(app).get('/form').expect(200);
    await request(app)
      .post('/change')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfFrom(otherPage.text) })
      .expect(403);
    await request(app).post('/change').set('Cookie', cookie).type('form').send({ _csrf: token }).expect(200);
    await request(app).post('/change').set('Cookie', cookie).set('X-CSRF-Token', token).expect(200);

    await request(app).post('/signout').set('Cookie', cookie).type('form').send({}).expect(403);
    await request(app).get('/whoami').set('Accept', 'application/json').set('Cookie', cookie).expect(200);
    const out = await request(app)
      .post('/signout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(out.headers.location).to.equal('/signin?utloggad=1');
    await request(app).get('/whoami').set('Accept', 'application/json').set('Cookie', cookie).expect(401);
  });

  it('uses a handoff link once, not after it expires, and not an unknown one', async () => {
    const clock = new ManualClock();
    const app = sessionTestApp(database().stores, clock);
    const { organisation, person } = await standalonePerson(database(), 'noa@example.se', 'Noa Lind');
    const who = { personId: person.id, organisationId: organisation.id };
    const path = await handoffFor(database().stores, clock, who);
    await request(app).get(path).expect(303);
    const reused = await request(app).get(path).set('Accept', 'text/html').expect(410);
    expect(reused.text).to.include('Länken är redan använd');
    const late = await handoffFor(database().stores, clock, who);
    clock.advanceSeconds(5 * 60);
    await request(app).get(late).set('Accept', 'application/json').expect(410);
    const unknown = await request(app)
      .get('/auth/handoff?token=' + 'A'.repeat(43))
      .set('Accept', 'application/json')
      .expect(404);
    expect(unknown.body).to.include({ code: 'SIGNIN_LINK_INVALID' });
    await request(app).get('/auth/handoff').set('Accept', 'application/json').expect(404);
  });
});
