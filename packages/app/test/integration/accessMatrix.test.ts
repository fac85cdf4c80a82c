import { createCheckinLink } from '@kompetenta/lti-server/internal';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CHECKIN_SECRET,
  csrfOf,
  exportToken,
  fullServerApp,
  PUBLIC_URL,
  rowCounts,
  signedIn,
  type SignedIn,
} from '../support/accessWorld';
import { registeredRoutes } from '../support/routeStack';

/**
 * Who may use a route:
 * - public: anyone (health, keys, scripts, the sign-in form, LTI login initiation);
 * - lti-message: a message signed by a registered platform (launch, Deep Linking, course choice);
 * - attempt-token: the player's HS256 attempt token, not a session;
 * - signed-link: a signed or hashed link token (check-in, sign-in, handoff, mail opt-out);
 * - bearer: an export API token (a session does not open the API);
 * - signed-in: any session; admin: an organisation's admin or programme staff; staff: programme staff.
 */
type Guard =
  'public' | 'lti-message' | 'attempt-token' | 'signed-link' | 'bearer' | 'signed-in' | 'admin' | 'staff';

interface RouteRule {
  readonly guard: Guard;
  /** POSTs: true when a CSRF token is required, else why not. */
  readonly csrf?: true | { readonly exempt: string };
  /** The status a permitted viewer gets on the sample path (default 200). */
  readonly allowed?: number;
}

/** The one table: every route the app registers. A route missing here fails the first test. */
const ROUTES: Readonly<Record<string, RouteRule>> = {
  'GET /': { guard: 'public' },
  'GET /healthz': { guard: 'public' },
  'GET /readyz': { guard: 'public' },
  'GET /play/assets/player.js': { guard: 'public' },
  'GET /play/assets/player.js.map': { guard: 'public' },
  'GET /lti/assets/lti-storage.js': { guard: 'public' },
  'GET /lti/assets/registration-close.js': { guard: 'public' },
  'GET /lti/assets/auto-submit.js': { guard: 'public' },
  'GET /lti/keys': { guard: 'public' },
  'GET /lti/canvas.json': { guard: 'public' },
  'GET /lti/register': { guard: 'public' },
  'GET /lti/login': { guard: 'public' },
  'POST /lti/login': { guard: 'public', csrf: { exempt: 'OIDC login initiation; state and nonce bind it' } },
  'POST /lti/launch': { guard: 'lti-message', csrf: { exempt: 'signed id_token with state and nonce' } },
  'POST /lti/deep-linking': { guard: 'lti-message', csrf: { exempt: 'signed Deep Linking session' } },
  'POST /lti/course-choice': { guard: 'lti-message', csrf: { exempt: 'signed choice token of the launch' } },
  'GET /checkin/:token': { guard: 'signed-link' },
  'POST /checkin/:token': { guard: 'signed-link', csrf: true },
  'GET /checkin/:token/klar': { guard: 'signed-link' },
  'GET /play/:attemptId': { guard: 'attempt-token' },
  'POST /api/attempts/:attemptId/commit': { guard: 'attempt-token', csrf: { exempt: 'attempt token' } },
  'POST /signout': { guard: 'public', csrf: true },
  'GET /auth/handoff': { guard: 'signed-link' },
  'GET /signin': { guard: 'public' },
  'POST /signin': { guard: 'public', csrf: true },
  'GET /signin/:token': { guard: 'signed-link' },
  'POST /signin/:token': { guard: 'signed-link', csrf: true },
  'GET /courses': { guard: 'signed-in' },
  'POST /courses/:slug/start': { guard: 'signed-in', csrf: true },
  'GET /org': { guard: 'admin' },
  'POST /org/invitations': { guard: 'admin', csrf: true },
  'POST /org/invitations/upload': { guard: 'admin', csrf: true },
  'GET /org/events': { guard: 'admin' },
  'POST /org/events/invitations': { guard: 'admin', csrf: true },
  'GET /certificate/:attemptId': { guard: 'signed-in', allowed: 404 },
  'GET /mail/opt-out': { guard: 'signed-link' },
  'POST /mail/opt-out': {
    guard: 'signed-link',
    csrf: { exempt: 'RFC 8058 one-click unsubscribe posts the signed link bare; idempotent' },
  },
  'GET /privacy/people/:personId/erase': { guard: 'staff' },
  'POST /privacy/people/:personId/erase': { guard: 'staff', csrf: true },
  'GET /profile': { guard: 'signed-in' },
  'POST /profile': { guard: 'signed-in', csrf: true },
  'GET /api/exports': { guard: 'bearer' },
  'GET /api/exports/:file': { guard: 'bearer' },
  'GET /dashboard': { guard: 'admin' },
  'GET /dashboard/exports/:file': { guard: 'admin' },
  'GET /dashboard/events': { guard: 'admin' },
  'GET /dashboard/events/new': { guard: 'admin' },
  'POST /dashboard/events': { guard: 'admin', csrf: true },
  'GET /dashboard/events/:id/attendance/upload': { guard: 'admin' },
  'POST /dashboard/events/:id/attendance/upload': { guard: 'admin', csrf: true },
  'GET /dashboard/outbox': { guard: 'admin' },
  'POST /dashboard/outbox/:id/retry': { guard: 'admin', csrf: true },
};

const SESSION_GUARDS: readonly Guard[] = ['signed-in', 'admin', 'staff'];
const MULTIPART = new Set(['POST /org/invitations/upload', 'POST /dashboard/events/:id/attendance/upload']);

describeEachEngine('access matrix of the whole app', (database) => {
  let app: Express;
  let learner: SignedIn;
  let adminA: SignedIn;
  let adminB: SignedIn;
  let staff: SignedIn;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let otherPerson: string;
  let eventId: string;
  let failedInA: number;
  let checkinPath: string;

  before(async () => {
    const db = database();
    app = fullServerApp(db);
    orgA = await db.stores.organisations.create({ name: 'Arkivföreningen Alfa' });
    orgB = await db.stores.organisations.create({ name: 'Byalaget Beta' });
    learner = await signedIn(db, orgA.id, 'learner', 'Lena Lärande');
    adminA = await signedIn(db, orgA.id, 'org_admin', 'Anna Admin');
    adminB = await signedIn(db, orgB.id, 'org_admin', 'Bertil Admin');
    staff = await signedIn(db, null, 'programme_staff', 'Sara Stab');
    otherPerson = (
      await db.stores.people.upsertByEmail({
        organisationId: orgA.id,
        email: 'astrid.annorlunda@example.se',
        name: 'Astrid Annorlunda',
      })
    ).id;
    eventId = (
      await db.stores.events.create({
        type: 'natverkstraff',
        title: 'Nätverksträff i matrisen',
        startsAt: new Date('2026-10-01T09:00:00Z'),
        hours: 3,
      })
    ).id;
    const message = await db.stores.outbox.enqueue({
      topic: 'mail',
      idempotencyKey: 'access-matrix:failed-in-a',
      organisationId: orgA.id,
      payload: {},
    });
    await db.stores.outbox.claim('matrix', { limit: 100, leaseMs: 60_000, topic: 'mail' });
    await db.stores.outbox.markFailed(message.id, 'matrix', 'SMTP 550 (Alfa)');
    failedInA = message.id;
    const link = await createCheckinLink({
      secret: CHECKIN_SECRET,
      publicUrl: PUBLIC_URL,
      eventId,
      now: new Date(),
    });
    checkinPath = new URL(link.url).pathname;
  });

  /** The route's pattern with its parameters filled in, for a request that may be allowed. */
  function sample(route: string): string {
    const path = route.slice(route.indexOf(' ') + 1);
    return path
      .replace(':attemptId', randomUUID())
      .replace(':personId', otherPerson)
      .replace(':slug', 'ingen-sadan-kurs')
      .replace(':file', 'completion-by-year.csv')
      .replace(':token', 'ingen-giltig-lank')
      .replace('/dashboard/events/:id', `/dashboard/events/${eventId}`)
      .replace('/dashboard/outbox/:id', `/dashboard/outbox/${failedInA}`);
  }

  function send(route: string, cookie?: string, accept = 'text/html') {
    const method = route.slice(0, route.indexOf(' '));
    const call = method === 'POST' ? request(app).post(sample(route)) : request(app).get(sample(route));
    call.set('Accept', accept);
    if (cookie) call.set('Cookie', cookie);
    return method === 'POST' ? call.type('form').send({ probe: '1' }) : call;
  }

  it('has a rule for every route the app registers, and no rule for a route that is gone', () => {
    const registered = registeredRoutes(app);
    expect(
      registered.filter((route) => !(route in ROUTES)),
      'routes without a rule',
    ).to.deep.equal([]);
    expect(
      Object.keys(ROUTES).filter((route) => !registered.includes(route)),
      'rules without a route',
    ).to.deep.equal([]);
    const unexplainedPosts = registered.filter((route) => route.startsWith('POST ') && !ROUTES[route]?.csrf);
    expect(unexplainedPosts, 'POST routes that neither require CSRF nor say why not').to.deep.equal([]);
  });

  it('sends people without a session to sign in (HTML) or answers 401 (JSON), changing nothing', async () => {
    const before = await rowCounts(database());
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (!SESSION_GUARDS.includes(rule.guard)) continue;
      const page = await send(route);
      expect(page.status, route).to.equal(303);
      expect(page.headers.location, route).to.match(/^\/signin(\?next=|$)/);
      if (route.startsWith('GET ')) {
        const json = await send(route, undefined, 'application/json');
        expect(json.status, route).to.equal(401);
        expect(json.body, route).to.include({ code: 'SESSION_COOKIE_MISSING' });
      }
    }
    expect(await rowCounts(database())).to.deep.equal(before);
  });

  it("gives a learner's session the learner's pages and 403 on every staff page", async () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (!SESSION_GUARDS.includes(rule.guard) || !route.startsWith('GET ')) continue;
      const res = await send(route, learner.cookie);
      const expected = rule.guard === 'signed-in' ? (rule.allowed ?? 200) : 403;
      expect(res.status, route).to.equal(expected);
    }
  });

  it("refuses a learner's session every staff form post with 403, changing nothing", async () => {
    const before = await rowCounts(database());
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (!['admin', 'staff'].includes(rule.guard) || !route.startsWith('POST ')) continue;
      const res = await send(route, learner.cookie);
      expect(res.status, route).to.equal(403);
    }
    expect(await rowCounts(database())).to.deep.equal(before);
  });

  it("gives an organisation's admin the admin pages, 403 on programme staff's, and programme staff all", async () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (!SESSION_GUARDS.includes(rule.guard) || !route.startsWith('GET ')) continue;
      const asAdmin = await send(route, adminB.cookie);
      expect(asAdmin.status, `${route} as admin`).to.equal(
        rule.guard === 'staff' ? 403 : (rule.allowed ?? 200),
      );
      const asStaff = await send(route, staff.cookie);
      expect(asStaff.status, `${route} as staff`).to.equal(rule.allowed ?? 200);
    }
  });

  it('opens the export API with a token only: no token, or any session, is 401', async () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (rule.guard !== 'bearer') continue;
      for (const cookie of [undefined, learner.cookie, adminB.cookie, staff.cookie]) {
        const res = await send(route, cookie, 'application/json');
        expect(res.status, `${route} with ${cookie ? 'a session' : 'nothing'}`).to.equal(401);
        expect(res.body, route).to.include({ code: 'TOKEN_BEARER_MISSING' });
      }
    }
  });

  it('refuses player, LTI and link routes without their token, whatever session is sent', async () => {
    const before = await rowCounts(database());
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (!['attempt-token', 'lti-message', 'signed-link'].includes(rule.guard)) continue;
      for (const cookie of [undefined, staff.cookie]) {
        const res = await send(route, cookie);
        expect(res.status, `${route} ${cookie ? 'as staff' : 'alone'}`).to.be.within(400, 499);
      }
    }
    expect(await rowCounts(database())).to.deep.equal(before);
  });

  it('requires the CSRF token on every form post that has one: 403 without it, nothing changed', async () => {
    const before = await rowCounts(database());
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (rule.csrf !== true) continue;
      const cookie = SESSION_GUARDS.includes(rule.guard) ? staff.cookie : undefined;
      const path = route === 'POST /checkin/:token' ? checkinPath : sample(route);
      const call = request(app).post(path).set('Accept', 'text/html');
      if (cookie) call.set('Cookie', cookie);
      const res = MULTIPART.has(route)
        ? await call.attach('file', Buffer.from('namn;e-post\nAstrid;a@example.se\n'), 'lista.csv')
        : await call.type('form').send({ probe: '1', name: 'Mallory', email: 'm@example.se' });
      expect(res.status, route).to.equal(403);
      // The refusal names the missing token (check-in answers with its own page, in words).
      expect(res.text, route).to.match(/SESSION_CSRF_INVALID|Sidan hann bli för gammal/);
    }
    expect(await rowCounts(database())).to.deep.equal(before);
  });

  it("keeps an organisation's admin out of another organisation's data by address and by filter", async () => {
    const page = (path: string) =>
      request(app).get(path).set('Cookie', adminB.cookie).set('Accept', 'text/html');
    const own = await page('/dashboard').expect(200);
    expect(own.text).to.include(orgB.name).and.not.include(orgA.name);
    const filtered = await page(`/dashboard?organisation=${orgA.id}`).expect(403);
    expect(filtered.text).to.include('REPORT_SCOPE_FORBIDDEN').and.not.include(orgA.name);
    const download = await request(app)
      .get(`/dashboard/exports/participants.csv?organisation=${orgA.id}`)
      .set('Cookie', adminB.cookie);
    expect(download.status).to.equal(403);
    expect(download.text).to.include('REPORT_SCOPE_FORBIDDEN');
    const api = await request(app)
      .get(`/api/exports/participants.csv?organisation=${orgA.id}`)
      .set('Authorization', `Bearer ${await exportToken(database(), orgB.id)}`)
      .expect(403);
    expect(api.body).to.include({ code: 'REPORT_SCOPE_FORBIDDEN' });
    const outbox = await page('/dashboard/outbox').expect(200);
    expect(outbox.text).to.not.include('SMTP 550 (Alfa)');
    const retry = await request(app)
      .post(`/dashboard/outbox/${failedInA}/retry`)
      .set('Cookie', adminB.cookie)
      .type('form')
      .send({ _csrf: csrfOf(outbox.text) })
      .expect(404);
    expect(retry.text).to.include('STORE_RECORD_NOT_FOUND');
    expect((await database().stores.outbox.list({ organisationId: orgA.id }))[0]?.status).to.equal('failed');
    await page(`/privacy/people/${otherPerson}/erase`).expect(403);
    // Naming another organisation by URL or form value is refused outright (programme staff pick
    // an organisation; an admin has only their own), and nothing is stored anywhere.
    const refused = await page(`/org?organisation=${orgA.id}`).expect(403);
    expect(refused.text).not.to.include('Astrid Annorlunda');
    const org = await page('/org').expect(200);
    expect(org.text).to.include(orgB.name).and.not.include('Astrid Annorlunda').and.not.include(orgA.name);
    const peopleInA = (await database().stores.people.list(orgA.id)).length;
    const peopleInB = (await database().stores.people.list(orgB.id)).length;
    const invited = await request(app)
      .post(`/org/invitations?organisation=${orgA.id}`)
      .set('Cookie', adminB.cookie)
      .type('form')
      .send({
        _csrf: csrfOf(org.text),
        organisationId: orgA.id,
        organisation: orgA.id,
        list: 'Inbjuden, inbjuden@example.se',
      });
    expect(invited.status, invited.text).to.equal(403);
    expect((await database().stores.people.list(orgA.id)).length, 'nobody added to Alfa').to.equal(peopleInA);
    expect((await database().stores.people.list(orgB.id)).length, 'nor to Beta').to.equal(peopleInB);
  });

  it("shows each organisation's admin their own failed message and nobody else's", async () => {
    const asA = await request(app).get('/dashboard/outbox').set('Cookie', adminA.cookie).expect(200);
    expect(asA.text).to.include('SMTP 550 (Alfa)');
  });

  it('sends helmet headers with a content security policy on every route, allowed or refused', async () => {
    for (const route of Object.keys(ROUTES)) {
      const res = await send(route);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, route).to.contain("default-src 'self'").and.contain("script-src 'self'");
      expect(csp, route).to.contain('frame-ancestors');
      expect(res.headers['x-content-type-options'], route).to.equal('nosniff');
      expect(res.headers['strict-transport-security'], route).to.be.a('string');
      expect(res.headers, route).to.not.have.property('x-powered-by');
    }
  });
});

describeEachEngine('rate limits and body limits of the whole app', (database) => {
  let app: Express;
  before(() => {
    app = fullServerApp(database());
  });

  /**
   * Sends up to 2 × limit + 1 requests one after another (a burst that fits one minute spans at
   * most two fixed windows, so some must be refused) and returns their statuses.
   */
  async function burst(limit: number, one: (i: number) => request.Test): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i <= 2 * limit; i++) {
      statuses.push((await one(i)).status);
      if (statuses.at(-1) === 429) break;
    }
    return statuses;
  }

  /** The first `limit` requests pass (fresh counters), and the burst ends in a 429. */
  function expectLimited(statuses: number[], limit: number, what: string): void {
    expect(statuses.slice(0, limit), `${what}: under the limit`).to.not.include(429);
    expect(statuses.at(-1), `${what}: ${statuses.join(' ')}`).to.equal(429);
  }

  it('answers a burst of sign-in requests from one address with 429 and Retry-After', async () => {
    const agent = request.agent(app);
    const token = csrfOf((await agent.get('/signin').expect(200)).text);
    const post = (i: number) =>
      agent
        .post('/signin')
        .type('form')
        .send({ _csrf: token, email: `person${i}@example.se` });
    const statuses = await burst(20, post);
    expectLimited(statuses, 20, 'sign-in');
    expect(statuses.slice(0, 20).every((status) => status < 400)).to.equal(true);
    const refused = await post(999).expect(429);
    expect(refused.headers['retry-after']).to.match(/^\d+$/);
  });

  it('answers a burst of check-in posts from one address with 429', async () => {
    const event = await database().stores.events.create({
      type: 'natverkstraff',
      title: 'Träff med kö',
      startsAt: new Date(),
      hours: 2,
    });
    const link = await createCheckinLink({
      secret: CHECKIN_SECRET,
      publicUrl: PUBLIC_URL,
      eventId: event.id,
      now: new Date(),
    });
    const path = new URL(link.url).pathname;
    expectLimited(
      await burst(60, () => request(app).post(path).type('form').send({ name: 'x' })),
      60,
      'check-in',
    );
  });

  it('answers a burst of exports with 429, by API token and by dashboard session', async () => {
    const secret = await exportToken(database(), null);
    const api = await burst(30, () =>
      request(app).get('/api/exports').set('Authorization', `Bearer ${secret}`),
    );
    expectLimited(api, 30, 'export API');
    const staff = await signedIn(database(), null, 'programme_staff', 'Snabb Stab');
    // An unknown export is counted too (the limit comes first), and answers at once.
    const downloads = await burst(30, () =>
      request(app).get('/dashboard/exports/ingen-sadan.csv').set('Cookie', staff.cookie),
    );
    expectLimited(downloads, 30, 'dashboard downloads');
  });

  it('refuses a form body over its limit with 413 on every form route, storing nothing', async () => {
    const staff = await signedIn(database(), null, 'programme_staff', 'Stor Stab');
    const before = await rowCounts(database());
    const huge = 'x'.repeat(600 * 1024);
    const answers: Record<string, number> = {};
    for (const route of Object.keys(ROUTES)) {
      if (!route.startsWith('POST ') || MULTIPART.has(route) || route.includes('/api/attempts/')) continue;
      const path = route.slice(5).replace(/:[a-zA-Z]+/g, 'x');
      const res = await request(app)
        .post(path)
        .set('Cookie', staff.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send(`probe=${huge}`);
      answers[route] = res.status;
    }
    expect(answers).to.deep.equal(Object.fromEntries(Object.keys(answers).map((route) => [route, 413])));
    expect(await rowCounts(database())).to.deep.equal(before);
  });
});
