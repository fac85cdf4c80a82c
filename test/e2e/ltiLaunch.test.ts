// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { temporaryDataDir, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright-core';
import { loadConfig } from '../../packages/app/src/config/loadConfig';
import { startKompetenta, type Kompetenta } from '../../packages/app/src/main';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

/** The cookie header of every POST /lti/launch a page (or its frames) sent, in order. */
function recordLaunchPosts(target: Page | BrowserContext): { cookies: string[]; bodies: string[] } {
  const seen = { cookies: [] as string[], bodies: [] as string[] };
  target.on('request', (request: Request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/lti/launch')) return;
    void request.allHeaders().then((headers) => seen.cookies.push(headers.cookie ?? ''));
    seen.bodies.push(request.postData() ?? '');
  });
  return seen;
}

/** The frame showing the tool (on `localhost`) inside the platform page (on `127.0.0.1`). */
async function toolFrame(page: Page, text: string): Promise<Frame> {
  const frameElement = await page.waitForSelector('iframe#tool');
  const frame = await frameElement.contentFrame();
  if (!frame) throw new Error('the tool frame has no content');
  await frame.waitForFunction((expected) => document.body?.innerText.includes(expected), text, {
    timeout: 30_000,
  });
  return frame;
}

/**
 * A real Kompetenta (embedded database in a temporary DATA_DIR, development mode so /dev/platform
 * is mounted) on `http://localhost:<port>`. The platform's pages are opened as
 * `http://127.0.0.1:<port>/dev/platform/...`: another site than the tool, so the tool in their
 * frame is a cross-site, third-party frame. Over plain http the login cookie is SameSite=Lax, which
 * a browser never sends in a cross-site frame; on top of that the context blocks third-party
 * cookies (CDP cookie controls) — the situation of Safari, and of Chromium for unpartitioned cookies.
 */
describe('LTI launch in Chromium: cookies, the new-window path and platform storage', function () {
  this.timeout(180_000);
  const data = temporaryDataDir();
  let kompetenta: Kompetenta;
  let browser: Browser;
  let tool: string;
  let platform: string;

  before(async () => {
    const port = await unusedLoopbackPort();
    tool = `http://localhost:${port}`;
    platform = `http://127.0.0.1:${port}/dev/platform`;
    mkdirSync(join(data.dir, 'courses'));
    const config = loadConfig(
      {
        PORT: String(port),
        PUBLIC_URL: tool,
        DATA_DIR: join(data.dir, 'data'),
        COURSES_DIR: join(data.dir, 'courses'),
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
      },
      data.dir,
    );
    kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
    expect(kompetenta.devPlatformUrl).to.equal(`${tool}/dev/platform`);
    await kompetenta.database.stores.courses.registerVersion({
      courseSlug: 'demo',
      courseTitle: 'Demokurs i LTI',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256-demo',
      outline: {
        title: 'Demokurs i LTI',
        masteryScore: 80,
        lessons: [{ id: 'l1', title: 'Början', minutes: 5 }],
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await kompetenta?.shutdown();
    data.remove();
  });

  async function blockingContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    const probe = await context.newPage();
    const cdp = await context.newCDPSession(probe);
    // Chromium's own third-party cookie blocking, as a user's setting would turn it on.
    await cdp.send('Network.enable');
    await cdp.send('Network.setCookieControls', { enableThirdPartyCookieRestriction: true });
    await probe.close();
    return context;
  }

  it('launches top-level with the real login cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const posts = recordLaunchPosts(page);
    await page.goto(`${tool}/dev/platform/start?as=learner&course=demo&display=window`);
    await page.waitForFunction(() => document.body.innerText.includes('Demokurs i LTI'), undefined, {
      timeout: 30_000,
    });
    expect(await page.textContent('body')).to.contain('Lina Deltagare');
    expect(posts.cookies).to.have.length(1);
    expect(posts.cookies[0]).to.match(/kompetenta_lti_[\w-]+=/);
    await context.close();
  });

  it('in a cross-site frame without the cookie, offers a new window that launches cleanly', async () => {
    const context = await blockingContext();
    const page = await context.newPage();
    const posts = recordLaunchPosts(context);
    await page.goto(`${platform}/start?as=learner&course=demo&display=frame`);
    const frame = await toolFrame(page, 'Öppna kursen i ett nytt fönster');
    expect(new URL(frame.url()).host).to.equal(new URL(tool).host);
    expect(posts.cookies, 'one launch POST in the frame').to.have.length(1);
    expect(posts.cookies[0], 'the login cookie was not sent in the frame').not.to.contain('kompetenta_lti_');
    expect(await axeViolations(frame)).to.deep.equal([]);

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      frame.click('button:has-text("Öppna kursen i ett nytt fönster")'),
    ]);
    await popup.waitForFunction(() => document.body?.innerText.includes('Demokurs i LTI'), undefined, {
      timeout: 30_000,
    });
    expect(await popup.textContent('body')).to.contain('Lina Deltagare');
    expect(posts.cookies, 'the new window sent its cookie').to.have.length(2);
    expect(posts.cookies[1]).to.match(/kompetenta_lti_[\w-]+=/);
    await context.close();
  });

  it('with platform storage (lti_storage_target), launches inside the frame without a popup', async () => {
    const context = await blockingContext();
    const page = await context.newPage();
    const posts = recordLaunchPosts(context);
    let popups = 0;
    context.on('page', () => (popups += 1));
    await page.goto(`${platform}/start?as=learner&course=demo&display=storage`);
    const frame = await toolFrame(page, 'Demokurs i LTI');
    expect(await frame.textContent('body')).to.contain('Lina Deltagare');
    expect(
      posts.cookies.every((cookie) => !cookie.includes('kompetenta_lti_')),
      'no cookie in the frame',
    ).to.equal(true);
    // First the id_token alone (the page that asks the storage), then with the binding from storage.
    expect(posts.bodies).to.have.length(2);
    expect(posts.bodies[1]).to.match(/lti_storage_binding=[\w-]{20,}/);
    expect(popups).to.equal(0);
    await context.close();
  });
});
