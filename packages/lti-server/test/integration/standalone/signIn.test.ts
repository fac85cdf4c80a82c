import type { Stores } from '@kompetenta/core';
import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express, { type Express } from 'express';
import request from 'supertest';
import { createStandaloneRouter } from '../../../src/index';
import { invitePeople, issueHandoffLink } from '../../../src/internal';
import { silentLogger, standalonePerson } from './sessionHarness';

const PUBLIC_URL = 'http://kompetenta.test';

function app(
  stores: Stores,
  clock: ManualClock,
  limits: { perIp?: number; perAddress?: number } = {},
): Express {
  const server = express();
  server.set('trust proxy', true);
  server.use(
    createStandaloneRouter(
      { stores, logger: silentLogger, clock },
      {
        publicUrl: PUBLIC_URL,
        ...(limits.perIp ? { signInRequestsPerIp: limits.perIp } : {}),
        ...(limits.perAddress ? { signInRequestsPerAddress: limits.perAddress } : {}),
      },
    ),
  );
  return server;
}

/** A browser: keeps its cookies between requests, like the real one. */
class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly server: Express,
    private readonly ip = '198.51.100.7',
  ) {}
  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: request.Response): request.Response {
    for (const raw of ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? [])) {
      const [pair] = raw.split(';');
      const [name, value] = pair!.split('=');
      if (!value) this.jar.delete(name!);
      else this.jar.set(name!, value);
    }
    return res;
  }
  async get(path: string): Promise<request.Response> {
    return this.keep(
      await request(this.server)
        .get(path)
        .set('Cookie', this.cookie())
        .set('X-Forwarded-For', this.ip)
        .set('Accept', 'text/html'),
    );
  }
  async post(path: string, form: Record<string, string>): Promise<request.Response> {
    return this.keep(
      await request(this.server)
        .post(path)
        .set('Cookie', this.cookie())
        .set('X-Forwarded-For', this.ip)
        .set('Accept', 'text/html')
        .type('form')
        .send(form),
    );
  }
  /** Uploads a file as multipart/form-data with the CSRF token of the page at `pagePath`. */
  async upload(pagePath: string, action: string, file: string): Promise<request.Response> {
    const page = await this.get(pagePath);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    return this.keep(
      await request(this.server)
        .post(action)
        .set('Cookie', this.cookie())
        .set('X-Forwarded-For', this.ip)
        .set('Accept', 'text/html')
        .field('_csrf', csrf)
        .attach('file', Buffer.from(file, 'utf8'), 'lista.csv'),
    );
  }
  /** Posts a form from the page at `pagePath`, with its CSRF token. */
  async submit(
    pagePath: string,
    action: string,
    form: Record<string, string> = {},
  ): Promise<request.Response> {
    const page = await this.get(pagePath);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!csrf) throw new Error(`no form on ${pagePath}: ${page.status}`);
    return this.post(action, { ...form, _csrf: csrf });
  }
}

async function mailLinks(stores: Stores, to: string): Promise<string[]> {
  const rows = await stores.outbox.list({ topic: 'mail' });
  return rows
    .filter((row) => JSON.stringify(row.payload.to).includes(to))
    .map((row) => String((row.payload.data as { signInUrl: string }).signInUrl).replace(PUBLIC_URL, ''));
}

describeEachEngine('standalone sign-in: links, enumeration safety, rate limits, invitations', (database) => {
  it('invites people once, signs in through the confirm button, and a link works only once', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const { organisation, person: admin } = await standalonePerson(
      database(),
      'admin@forening.se',
      'Åsa Admin',
      'org_admin',
    );
    const list =
      'e-post;namn\nsara@forening.se; Sara Lind\n\nomar@forening.se,Omar Haddad\nSARA@forening.se;Sara Lind\n';
    const input = {
      organisationId: organisation.id,
      invitedBy: admin.id,
      list,
      now: clock.now(),
      ttlMs: 7 * 86_400_000,
      publicUrl: PUBLIC_URL,
    };
    expect(await invitePeople(stores, input)).to.deep.equal({ invited: 2, alreadyInvited: 0 });
    expect(await invitePeople(stores, input)).to.deep.equal({ invited: 0, alreadyInvited: 2 });
    const links = await mailLinks(stores, 'sara@forening.se');
    expect(links).to.have.length(1);
    const mail = (await stores.outbox.list({ topic: 'mail' })).find((row) =>
      row.idempotencyKey.startsWith('invitation:'),
    )!;
    expect(mail.payload).to.deep.include({ template: 'invitation', locale: 'sv' });
    expect(mail.organisationId).to.equal(organisation.id);

    const browser = new Browser(app(stores, clock));
    // A GET (what a mail scanner does) consumes nothing.
    const confirm = await browser.get(links[0]!);
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.include('Sara Lind').and.include(organisation.name);
    expect((await browser.get(links[0]!)).status).to.equal(200);
    const signedIn = await browser.submit(links[0]!, links[0]!);
    expect(signedIn.status).to.equal(303);
    expect(signedIn.headers.location).to.equal('/courses');
    const courses = await browser.get('/courses');
    expect(courses.status).to.equal(200);
    expect(courses.text).to.include('Inloggad som Sara Lind');

    const reused = await new Browser(app(stores, clock)).get(links[0]!);
    expect(reused.status).to.equal(410);
    expect(reused.text).to.include('Länken är redan använd');
  });

  it('refuses an expired link, and a link signs in only the person it was made for', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const { organisation } = await standalonePerson(database(), 'boss@kooperativ.se', 'Bo Boss', 'org_admin');
    await invitePeople(stores, {
      organisationId: organisation.id,
      invitedBy: null,
      list: 'tove@kooperativ.se;Tove\nulf@kooperativ.se;Ulf',
      now: clock.now(),
      ttlMs: 7 * 86_400_000,
      publicUrl: PUBLIC_URL,
    });
    const [tove] = await mailLinks(stores, 'tove@kooperativ.se');
    const [ulf] = await mailLinks(stores, 'ulf@kooperativ.se');
    const browser = new Browser(app(stores, clock));
    await browser.submit(tove!, tove!);
    expect((await browser.get('/courses')).text).to.include('Inloggad som Tove');
    // Ulf's link opened in Tove's browser says so, and signs in Ulf (not Tove) once confirmed.
    const other = await browser.get(ulf!);
    expect(other.text).to.include('Du är inloggad som Tove');
    await browser.submit(ulf!, ulf!);
    expect((await browser.get('/courses')).text).to.include('Inloggad som Ulf');

    await invitePeople(stores, {
      organisationId: organisation.id,
      invitedBy: null,
      list: 'vera@kooperativ.se;Vera',
      now: clock.now(),
      ttlMs: 7 * 86_400_000,
      publicUrl: PUBLIC_URL,
    });
    const [vera] = await mailLinks(stores, 'vera@kooperativ.se');
    clock.advanceSeconds(7 * 86_400);
    expect((await new Browser(app(stores, clock)).get(vera!)).status).to.equal(410);
    const late = new Browser(app(stores, clock));
    const page = await late.get('/signin');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    expect((await late.post(vera!, { _csrf: csrf })).status).to.equal(410);
    expect((await new Browser(app(stores, clock)).get('/signin/' + 'x'.repeat(43))).status).to.equal(404);
  });

  it('answers the sign-in form the same for known and unknown addresses; only the known one gets a link', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    await standalonePerson(database(), 'known@example.se', 'Kajsa Känd');
    const browser = new Browser(app(stores, clock));
    const known = await browser.submit('/signin', '/signin', { email: 'Known@Example.se' });
    const unknown = await browser.submit('/signin', '/signin', { email: 'unknown@example.se' });
    expect(known.status).to.equal(200);
    expect(unknown.status).to.equal(200);
    const body = (text: string) => text.replace(/name="_csrf" value="[^"]+"/g, '');
    expect(body(known.text)).to.equal(body(unknown.text));
    expect(known.text).to.include('Om adressen finns hos oss');
    expect(await mailLinks(stores, 'known@example.se')).to.have.length(1);
    expect(await mailLinks(stores, 'unknown@example.se')).to.have.length(0);
    const requested = (await stores.outbox.list({ topic: 'mail' })).find((row) =>
      JSON.stringify(row.payload.to).includes('known@example.se'),
    )!;
    expect(requested.payload).to.deep.include({ template: 'signInLink' });
    const expiresAt = new Date(String((requested.payload.data as { expiresAt: string }).expiresAt));
    expect(expiresAt.getTime() - clock.now().getTime()).to.equal(30 * 60_000);
    const bad = await browser.submit('/signin', '/signin', { email: 'inte en adress' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('aria-invalid="true"');
    // Without the form's CSRF token nothing is sent.
    expect((await browser.post('/signin', { email: 'known@example.se' })).status).to.equal(403);
  });

  it('limits requests per address silently and per client address with 429 and Retry-After', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    await standalonePerson(database(), 'often@example.se', 'Olle Ofta');
    const server = app(stores, clock, { perIp: 5, perAddress: 2 });
    const browser = new Browser(server, '203.0.113.9');
    for (let i = 0; i < 5; i += 1) {
      const res = await browser.submit('/signin', '/signin', { email: 'often@example.se' });
      expect(res.status).to.equal(200);
      expect(res.text).to.include('Om adressen finns hos oss');
    }
    expect(await mailLinks(stores, 'often@example.se')).to.have.length(2);
    const limited = await browser.submit('/signin', '/signin', { email: 'someone@example.se' });
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 900);
    // Another client address is not affected; a new window starts over.
    expect(
      (await new Browser(server, '203.0.113.10').submit('/signin', '/signin', { email: 'x@example.se' }))
        .status,
    ).to.equal(200);
    clock.advanceSeconds(15 * 60);
    expect((await browser.submit('/signin', '/signin', { email: 'often@example.se' })).status).to.equal(200);
    expect(await mailLinks(stores, 'often@example.se')).to.have.length(3);
  });

  it('org admin page: invites from the textarea or a CSV file, reports every bad row and imports nothing', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const { organisation, person } = await standalonePerson(
      database(),
      'chef@byalag.se',
      'Cilla Chef',
      'org_admin',
    );
    const server = app(stores, clock);
    const browser = new Browser(server);
    await browser.get(
      await issueHandoffLink(stores, { personId: person.id, organisationId: organisation.id }, clock.now()),
    );
    const bad = await browser.submit('/org', '/org/invitations', {
      list: 'ok@byalag.se;Ok\ninte-en-adress;Namn\n;Bara namn\na@b.se;c@d.se',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text)
      .to.include('Rad 2:')
      .and.include('Rad 3:')
      .and.include('Rad 4:')
      .and.include('Ingen blev inbjuden');
    expect(await stores.invitations.list(organisation.id)).to.deep.equal([]);
    const good = await browser.submit('/org', '/org/invitations', { list: 'ok@byalag.se;Olivia Ok' });
    expect(good.status).to.equal(303);
    const page = await browser.get(good.headers.location as string);
    expect(page.text).to.include('1 person fick en inbjudan').and.include('Olivia Ok');
    const badFile = await browser.upload(
      '/org',
      '/org/invitations/upload',
      'e-post;namn\nper@byalag.se;Per\nfel;Fel\n',
    );
    expect(badFile.status).to.equal(400);
    expect(badFile.text).to.include('Rad 3:');
    expect((await stores.invitations.list(organisation.id)).length).to.equal(1);
    const goodFile = await browser.upload(
      '/org',
      '/org/invitations/upload',
      '\uFEFFe-post;namn\r\nper@byalag.se;Per Persson\r\nok@byalag.se;Olivia Ok\r\n',
    );
    expect(goodFile.status).to.equal(303);
    expect(goodFile.headers.location).to.equal('/org?inbjudna=1&redan=1');
    const forged = await request(server)
      .post('/org/invitations/upload')
      .set('Cookie', browser.cookie())
      .set('Accept', 'text/html')
      .field('_csrf', 'x'.repeat(43))
      .attach('file', Buffer.from('eve@byalag.se;Eve'), 'lista.csv');
    expect(forged.status).to.equal(403);
    const learner = new Browser(server);
    const [link] = await mailLinks(stores, 'ok@byalag.se');
    await learner.submit(link!, link!);
    expect((await learner.get('/org')).status).to.equal(403);
  });
});
