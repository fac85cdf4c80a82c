import { parseAutoPostForm, temporaryDataDir, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** The cookies a browser keeps, each sent only under its Path. */
class Jar {
  private readonly cookies = new Map<string, { value: string; path: string }>();
  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = String(pair).split('=');
      const path =
        attributes
          .map((attribute) => attribute.trim())
          .find((attribute) => attribute.toLowerCase().startsWith('path='))
          ?.slice(5) ?? '/';
      this.cookies.set(String(name).trim(), { value: value.join('='), path });
    }
  }
  pathOf(name: string): string | undefined {
    return this.cookies.get(name)?.path;
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

/** Resolves when the process prints `line`; rejects when it exits first. */
function printed(child: ChildProcess, line: string, output: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes(line)) done();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => fail(new Error(`the example exited (${code}):\n${output.join('')}`)));
  });
}

describe('examples/embed-in-express (run as its README says)', function () {
  // A fresh embedded database, one course build and the development platform's keys: a few
  // seconds on an idle machine; the margin is for a loaded CI runner.
  this.timeout(120_000);
  const work = temporaryDataDir();
  const output: string[] = [];
  let child: ChildProcess;
  let origin: string;

  before(async () => {
    // One course keeps the first start (it builds the SCORM packages) short.
    cpSync(join(ROOT, 'courses/handledare'), join(work.dir, 'courses/handledare'), { recursive: true });
    const port = await unusedLoopbackPort();
    origin = `http://localhost:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/embed-in-express/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: join(work.dir, 'data'),
        COURSES_DIR: join(work.dir, 'courses'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await printed(child, 'Host app listening', output);
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    work.remove();
  });

  it('serves the host’s own pages and session beside Kompetenta under /learning', async () => {
    const jar = new Jar();
    const home = await fetch(`${origin}/`);
    expect(await home.text())
      .to.contain('Värdportalen')
      .and.contain('href="/learning/dev/platform/"');
    const login = await fetch(`${origin}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Hanna+V%C3%A4rd',
    });
    expect(login.status).to.equal(303);
    jar.keep(login);
    expect(jar.pathOf('host_session')).to.equal('/');
    const whoami = await fetch(`${origin}/api/whoami`, { headers: { cookie: jar.header(`${origin}/`) } });
    expect(await whoami.json()).to.deep.equal({ host: true, name: 'Hanna Värd' });

    const signIn = await fetch(`${origin}/learning/signin`, {
      headers: { cookie: jar.header(`${origin}/learning/signin`) },
    });
    expect(signIn.status).to.equal(200);
    expect(await signIn.text()).to.contain('action="/learning/signin"');
    jar.keep(signIn);
    expect(jar.pathOf('kompetenta_csrf')).to.equal('/learning');
    // Kompetenta's cookie never reaches the host's own pages.
    expect(jar.header(`${origin}/`)).to.not.contain('kompetenta_');
    const health = await fetch(`${origin}/learning/healthz`);
    expect(health.status).to.equal(200);
  });

  it('launches a course from the development platform to the player, end to end over HTTP', async () => {
    const jar = new Jar();
    const start = await fetch(
      `${origin}/learning/dev/platform/start?as=learner&course=handledare&display=window`,
      {
        redirect: 'manual',
      },
    );
    expect(start.status).to.equal(302);
    const loginUrl = String(start.headers.get('location'));
    expect(loginUrl.startsWith(`${origin}/learning/lti/login?`), loginUrl).to.equal(true);
    const login = await fetch(loginUrl, { redirect: 'manual' });
    expect(login.status, await login.clone().text()).to.equal(302);
    jar.keep(login);
    const form = parseAutoPostForm(await (await fetch(String(login.headers.get('location')))).text());
    expect(form.action).to.equal(`${origin}/learning/lti/launch`);
    const launch = await fetch(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(form.action), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    expect(launch.status, await launch.clone().text()).to.equal(303);
    const playerUrl = String(launch.headers.get('location'));
    expect(playerUrl.startsWith(`${origin}/learning/play/`), playerUrl).to.equal(true);
    const player = await fetch(playerUrl);
    const page = await player.text();
    expect(player.status, page).to.equal(200);
    expect(page).to.contain('<script src="/learning/play/assets/player.js" defer></script>');
    const contentUrl = /"contentUrl":"([^"]+)"/.exec(page)?.[1] ?? '';
    expect(contentUrl.startsWith('/learning/content/handledare/'), contentUrl).to.equal(true);
    const sco = await fetch(`${origin}${contentUrl}`);
    expect(sco.status).to.equal(200);
    expect(sco.headers.get('content-type')).to.match(/^text\/html/);
  });
});
