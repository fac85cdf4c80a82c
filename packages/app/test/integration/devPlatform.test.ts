import { isAppError } from '@kompetenta/core';
import { parseAutoPostForm, temporaryDataDir, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/loadConfig';
import { startKompetenta, startupBanner, type Kompetenta } from '../../src/main';

const logger = pino({ level: 'silent' });

/** A browser's cookie jar, enough for one login → launch (one cookie per login). */
class Jar {
  private readonly cookies = new Map<string, string>();
  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = String(pair).split('=');
      this.cookies.set(String(name).trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe('development platform at /dev/platform', () => {
  const data = temporaryDataDir();
  let port: number;
  before(async () => {
    mkdirSync(join(data.dir, 'courses'));
    port = await unusedLoopbackPort();
  });
  after(() => data.remove());

  const config = (extra: Record<string, string> = {}) =>
    loadConfig(
      {
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${port}`,
        DATA_DIR: join(data.dir, 'data'),
        COURSES_DIR: join(data.dir, 'courses'),
        LOG_LEVEL: 'silent',
        ...extra,
      },
      data.dir,
    );

  async function withApp<T>(
    extra: Record<string, string>,
    work: (app: Kompetenta) => Promise<T>,
  ): Promise<T> {
    const kompetenta = await startKompetenta(config(extra), logger);
    try {
      return await work(kompetenta);
    } finally {
      await kompetenta.shutdown();
    }
  }

  it('is mounted in development, registered for Demo-organisation once, launches a learner and deep-links a course it can launch', async function () {
    this.timeout(180_000);
    const base = `http://localhost:${port}`;
    await withApp({ NODE_ENV: 'development' }, async (kompetenta) => {
      expect(kompetenta.devPlatformUrl).to.equal(`${base}/dev/platform`);
      expect(startupBanner(kompetenta.config, kompetenta).join('\n')).to.contain(`${base}/dev/platform`);
      const home = await fetch(`${base}/dev/platform/`);
      expect(home.status).to.equal(200);
      expect(await home.text())
        .to.contain('Starta som deltagare')
        .and.contain('Starta som lärare')
        .and.contain('Deep Linking');

      const stores = kompetenta.database.stores;
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
      // start → tool login → platform authorization → launch, as a browser would, with its cookie.
      const jar = new Jar();
      const start = await fetch(`${base}/dev/platform/start?as=learner&course=demo&display=window`, {
        redirect: 'manual',
      });
      const login = await fetch(String(start.headers.get('location')), { redirect: 'manual' });
      jar.keep(login);
      const auth = await fetch(String(login.headers.get('location')));
      const form = parseAutoPostForm(await auth.text());
      const launch = await fetch(form.action, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.fields).toString(),
      });
      expect([200, 303], await launch.clone().text()).to.include(launch.status);
      const organisation = (await stores.organisations.list()).find(
        (org) => org.name === 'Demo-organisation',
      );
      expect(organisation).to.not.equal(undefined);
      const learners = await stores.people.list(String(organisation?.id));
      expect(learners.map((person) => person.name)).to.deep.equal(['Lina Deltagare']);

      // Deep Linking: the teacher picks the course, the platform's return page shows the new link.
      const dlJar = new Jar();
      const dlStart = await fetch(`${base}/dev/platform/start?as=deeplink&display=window`, {
        redirect: 'manual',
      });
      const dlLogin = await fetch(String(dlStart.headers.get('location')), { redirect: 'manual' });
      dlJar.keep(dlLogin);
      const dlForm = parseAutoPostForm(await (await fetch(String(dlLogin.headers.get('location')))).text());
      const picker = await fetch(dlForm.action, {
        method: 'POST',
        headers: { cookie: dlJar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(dlForm.fields).toString(),
      });
      const pickerHtml = await picker.text();
      expect(picker.status, pickerHtml).to.equal(200);
      const token = /name="token" value="([^"]+)"/.exec(pickerHtml)?.[1];
      const chosen = await fetch(`${base}/lti/deep-linking`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: String(token), lang: 'sv', course: 'demo' }).toString(),
      });
      const jwt = /name="JWT" value="([^"]+)"/.exec(await chosen.text())?.[1];
      const returned = await fetch(`${base}/dev/platform/deep-link-return`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ JWT: String(jwt) }).toString(),
      });
      const returnedHtml = await returned.text();
      expect(returned.status, returnedHtml).to.equal(200);
      expect(returnedHtml)
        .to.contain('Länkar skapade')
        .and.contain('Demokurs')
        .and.contain('name="course" value="demo"')
        .and.contain('Starta som deltagare');
    });
    // A second start adds nothing.
    await withApp({ NODE_ENV: 'development' }, async (kompetenta) => {
      const stores = kompetenta.database.stores;
      const platforms = (await stores.tenants.listPlatforms()).filter(
        (p) => p.issuer === `${base}/dev/platform`,
      );
      expect(platforms.map((p) => p.status)).to.deep.equal(['approved']);
      expect(await stores.tenants.listDeployments(String(platforms[0]?.id))).to.have.length(1);
      const demos = (await stores.organisations.list()).filter((org) => org.name === 'Demo-organisation');
      expect(demos).to.have.length(1);
    });
  });

  it('is never mounted in production or test, and DEV_PLATFORM=true outside development is refused', async function () {
    this.timeout(120_000);
    const key = Buffer.alloc(32, 7).toString('base64');
    for (const extra of [{ NODE_ENV: 'production', LTI_ENCRYPTION_KEY: key }, { NODE_ENV: 'test' }]) {
      await withApp(extra, async (kompetenta) => {
        expect(kompetenta.devPlatformUrl).to.equal(null);
        expect((await fetch(`http://localhost:${port}/dev/platform/`)).status).to.equal(404);
      });
    }
    try {
      config({ NODE_ENV: 'production', LTI_ENCRYPTION_KEY: key, DEV_PLATFORM: 'true' });
      expect.fail('DEV_PLATFORM=true was accepted in production');
    } catch (error) {
      expect(isAppError(error, 'APP_CONFIG_INVALID')).to.equal(true);
      expect((error as Error).message).to.contain('DEV_PLATFORM=true is for development');
    }
    expect(config({ NODE_ENV: 'development', DEV_PLATFORM: 'false' }).devPlatform).to.equal(false);
  });
});
