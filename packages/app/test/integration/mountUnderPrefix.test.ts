import { LTI_ROLES } from '@kompetenta/core';
import { createCheckinLink, issueHandoffLink } from '@kompetenta/lti-server/internal';
import {
  createTestDatabase,
  parseAutoPostForm,
  PlatformEmulator,
  temporaryDataDir,
  testEngines,
  unusedLoopbackPort,
} from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { defineConfig } from '../../src/config/defineConfig';
import { createKompetenta, type KompetentaHandler } from '../../src/main';

const PREFIX = '/learning';
const CHECKIN_SECRET = 'a-check-in-secret-of-at-least-32-characters';
const logger = pino({ level: 'silent' });

/** A browser's cookie jar that, like a browser, sends a cookie only under its Path. */
class Jar {
  private readonly cookies = new Map<string, { value: string; path: string }>();
  readonly paths: string[] = [];
  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = String(pair).split('=');
      const path =
        attributes
          .map((attribute) => attribute.trim())
          .find((attribute) => attribute.toLowerCase().startsWith('path='))
          ?.slice(5) ?? '/';
      this.paths.push(`${String(name).trim()} ${path}`);
      this.cookies.set(String(name).trim(), { value: value.join('='), path });
    }
  }
  header(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies]
      .filter(
        ([, cookie]) => pathname === cookie.path || pathname.startsWith(`${cookie.path.replace(/\/$/, '')}/`),
      )
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }
}

/** Every href, action and src of a page that leads somewhere on this host (not `#…`, not another origin). */
function sameOriginTargets(page: string): string[] {
  return [...page.matchAll(/\s(?:href|action|src)="([^"]*)"/g)]
    .map((match) => match[1]!)
    .filter((target) => !target.startsWith('#') && !/^[a-z]+:/i.test(target));
}

for (const engine of testEngines()) {
  describe(`Kompetenta mounted under ${PREFIX} of a host Express app [${engine}]`, function () {
    this.timeout(180_000);
    const data = temporaryDataDir();
    let dispose: () => Promise<void> = () => Promise.resolve();
    let kompetenta: KompetentaHandler;
    let emulator: PlatformEmulator;
    let server: Server;
    let origin: string;
    let publicUrl: string;

    before(async () => {
      const port = await unusedLoopbackPort();
      origin = `http://localhost:${port}`;
      publicUrl = `${origin}${PREFIX}`;
      mkdirSync(join(data.dir, 'courses'));
      let databaseUrl: string | undefined;
      if (engine === 'postgres') {
        const test = await createTestDatabase('postgres');
        databaseUrl = test.url;
        dispose = () => test.dispose();
      }
      emulator = await PlatformEmulator.start({
        toolJwks: async () => (await fetch(`${publicUrl}/lti/keys`)).json() as never,
      });
      kompetenta = await createKompetenta(
        defineConfig(
          {
            publicUrl,
            port,
            environment: 'test',
            logLevel: 'silent',
            checkinSecret: CHECKIN_SECRET,
            dataDir: 'data',
            coursesDir: 'courses',
            ...(databaseUrl ? { databaseUrl } : {}),
          },
          data.dir,
        ),
        logger,
      );
      const host = express();
      host.get('/', (_req, res) => {
        res.type('text').send('the host app');
      });
      host.use(PREFIX, kompetenta.handler);
      server = await new Promise<Server>((resolve) => {
        const listening = host.listen(port, '127.0.0.1', () => resolve(listening));
      });
    });

    after(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await kompetenta?.shutdown();
      await emulator?.stop();
      await dispose();
      data.remove();
    });

    it('launches from a platform, plays, commits, and the grade reaches the platform — every URL under the prefix', async () => {
      const stores = kompetenta.database.stores;
      const organisation = await stores.organisations.create({ name: 'Värdföreningen', kind: 'forening' });
      const platform = await stores.tenants.addPlatform({
        issuer: emulator.issuer,
        clientId: emulator.clientId,
        name: 'Emulerad plattform',
        authUrl: emulator.authUrl,
        tokenUrl: emulator.tokenUrl,
        jwksUrl: emulator.jwksUrl,
        status: 'approved',
      });
      await stores.tenants.addDeployment(platform.id, emulator.deploymentId, organisation.id);
      await stores.courses.registerVersion({
        courseSlug: 'demo',
        courseTitle: 'Demokurs',
        version: '1.0.0',
        trackingMajor: 1,
        contentHash: 'sha256-demo',
        outline: {
          title: 'Demokurs',
          masteryScore: 80,
          lessons: [{ id: 'l1', title: 'Första', minutes: 5 }],
        },
      });
      emulator.ags.createLineItem({ resourceLinkId: 'prefixed-link' });
      emulator.prepareLaunch('hint-1', {
        user: {
          sub: 'lina',
          name: 'Lina Deltagare',
          email: 'lina@example.se',
          roles: [LTI_ROLES.contextLearner],
        },
        resourceLinkId: 'prefixed-link',
        course: 'demo',
      });

      const jar = new Jar();
      const login = new URL(`${publicUrl}/lti/login`);
      for (const [name, value] of Object.entries({
        iss: emulator.issuer,
        login_hint: 'hint-1',
        target_link_uri: `${publicUrl}/lti/launch`,
        client_id: emulator.clientId,
        lti_deployment_id: emulator.deploymentId,
      }))
        login.searchParams.set(name, value);
      const started = await fetch(login, { redirect: 'manual' });
      expect(started.status, await started.clone().text()).to.equal(302);
      jar.keep(started);
      expect(
        jar.paths.every((cookie) => cookie.endsWith(`${PREFIX}/lti/launch`)),
        jar.paths.join(),
      ).to.equal(true);
      const authorize = new URL(String(started.headers.get('location')));
      expect(authorize.searchParams.get('redirect_uri')).to.equal(`${publicUrl}/lti/launch`);

      const form = parseAutoPostForm(await (await fetch(authorize)).text());
      expect(form.action).to.equal(`${publicUrl}/lti/launch`);
      const launched = await fetch(form.action, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(form.action), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.fields).toString(),
      });
      expect(launched.status, await launched.clone().text()).to.equal(303);
      const playerUrl = String(launched.headers.get('location'));
      expect(playerUrl.startsWith(`${publicUrl}/play/`), playerUrl).to.equal(true);

      const player = await (await fetch(playerUrl)).text();
      const config = JSON.parse(
        /<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(player)?.[1] ?? 'null',
      ) as { contentUrl: string; commitUrl: string; attemptId: string };
      expect(config.contentUrl.startsWith(`${PREFIX}/content/demo/1.0.0/`), config.contentUrl).to.equal(true);
      expect(config.commitUrl.startsWith(`${PREFIX}/api/attempts/`), config.commitUrl).to.equal(true);
      expect(sameOriginTargets(player)).to.deep.equal([`${PREFIX}/play/assets/player.js`]);

      const committed = await fetch(`${origin}${config.commitUrl}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          seq: 1,
          cmi: {
            'cmi.completion_status': 'completed',
            'cmi.success_status': 'passed',
            'cmi.score.scaled': '0.9',
            'cmi.exit': 'normal',
            'cmi.session_time': 'PT5M',
          },
        }),
      });
      expect(committed.status, await committed.clone().text()).to.equal(200);
      // The grade worker polls every few seconds; ltijs makes the platform's key on the first grade.
      await emulator.ags.waitFor(() => emulator.ags.scores.length === 1, 'the grade', 120_000);
      expect(emulator.ags.scores[0]).to.include({ userId: 'lina' });
      expect(emulator.ags.scores[0]?.body).to.include({ scoreGiven: 90, activityProgress: 'Completed' });

      expect(await (await fetch(`${origin}/`)).text(), "the host's own route").to.equal('the host app');
    });

    it('serves the sign-in page, the staff handoff and the dashboard with every link, redirect and cookie under the prefix', async () => {
      const jar = new Jar();
      const signIn = await fetch(`${publicUrl}/signin`);
      expect(signIn.status).to.equal(200);
      jar.keep(signIn);
      const signInPage = await signIn.text();
      const targets = sameOriginTargets(signInPage);
      expect(targets).to.include(`${PREFIX}/signin`);
      expect(
        targets.filter((target) => !target.startsWith(`${PREFIX}/`)),
        signInPage,
      ).to.deep.equal([]);
      expect(jar.paths).to.deep.equal([`kompetenta_csrf ${PREFIX}`]);

      const anonymous = await fetch(`${publicUrl}/dashboard`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      });
      expect(anonymous.status).to.equal(303);
      expect(anonymous.headers.get('location')).to.equal(
        `${PREFIX}/signin?next=${encodeURIComponent(`${PREFIX}/dashboard`)}`,
      );

      const stores = kompetenta.database.stores;
      const programme = await stores.access.programmeOrganisation();
      const staff = await stores.people.upsertByEmail({
        organisationId: programme.id,
        email: 'stina@example.se',
        name: 'Stina Kansli',
      });
      await stores.access.grant(staff.id, 'programme_staff');
      const handoff = await issueHandoffLink(
        stores,
        { personId: staff.id, organisationId: programme.id },
        new Date(),
      );
      const signedIn = await fetch(`${publicUrl}${handoff}`, { redirect: 'manual' });
      expect(signedIn.status).to.equal(303);
      expect(signedIn.headers.get('location')).to.equal(`${PREFIX}/org`);
      jar.keep(signedIn);
      expect(jar.paths).to.include(`kompetenta_session ${PREFIX}`);

      const dashboardUrl = `${publicUrl}/dashboard`;
      const dashboard = await fetch(dashboardUrl, { headers: { cookie: jar.header(dashboardUrl) } });
      const page = await dashboard.text();
      expect(dashboard.status, page).to.equal(200);
      const links = sameOriginTargets(page);
      expect(links).to.include.members([
        `${PREFIX}/dashboard`,
        `${PREFIX}/dashboard/events`,
        `${PREFIX}/dashboard/outbox`,
        `${PREFIX}/signout`,
      ]);
      expect(
        links.filter((target) => !target.startsWith(`${PREFIX}/`)),
        page,
      ).to.deep.equal([]);
      // Kompetenta's cookies are never sent to the host's own pages.
      expect(jar.header(`${origin}/`)).to.equal('');
    });

    it('serves the event check-in form with its action and language link under the prefix', async () => {
      const event = await kompetenta.database.stores.events.create({
        type: 'jamstalldhetsseminarium',
        title: 'Seminarium i värdportalen',
        startsAt: new Date(),
        hours: 2,
      });
      const link = await createCheckinLink({
        secret: Buffer.from(CHECKIN_SECRET, 'utf8'),
        publicUrl,
        eventId: event.id,
        now: new Date(),
      });
      expect(link.url.startsWith(`${publicUrl}/checkin/`), link.url).to.equal(true);
      const form = await fetch(link.url);
      const page = await form.text();
      expect(form.status, page).to.equal(200);
      const targets = sameOriginTargets(page);
      expect(targets).to.include(new URL(link.url).pathname);
      expect(
        targets.filter((target) => !target.startsWith(`${PREFIX}/`)),
        page,
      ).to.deep.equal([]);
    });
  });
}
