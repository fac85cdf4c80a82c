import { temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { cpSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import yauzl from 'yauzl';
import { buildCoursePackages } from '../../src/buildCoursePackages';
import { loadConfig } from '../../src/config/loadConfig';
import { startKompetenta } from '../../src/main';

const repositoryCourses = join(__dirname, '../../../../courses');

/** A logger whose JSON lines the test reads (the start-up log is the build's report). */
function capturingLogger(): { logger: pino.Logger; messages: (msg: string) => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, messages: (msg) => lines.filter((line) => line.msg === msg) };
}

async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  return files;
}

describe('course packages on start [pglite]', () => {
  it('builds missing zips, registers them, skips fresh ones, rebuilds edited ones and serves their bytes', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const coursesDir = join(dir, 'courses');
      cpSync(join(repositoryCourses, 'exempel'), join(coursesDir, 'exempel'), { recursive: true });
      const config = loadConfig(
        { DATA_DIR: join(dir, 'data'), COURSES_DIR: coursesDir, PORT: '0', HOST: '127.0.0.1' },
        dir,
      );
      expect(config.packagesDir).to.equal(join(dir, 'data', 'packages'));
      const zip2004 = join(config.packagesDir, 'exempel-1.0.0-scorm2004.zip');

      // 1. Empty DATA_DIR: both zips are built and the version is registered.
      const first = capturingLogger();
      let kompetenta = await startKompetenta(config, first.logger);
      try {
        expect(readdirSync(config.packagesDir).sort()).to.deep.equal([
          'exempel-1.0.0-scorm12.zip',
          'exempel-1.0.0-scorm2004.zip',
        ]);
        expect(first.messages('course packages built')[0]).to.include({
          course: 'exempel',
          version: '1.0.0',
        });
        expect(first.messages('course packages built')[0]?.built).to.deep.equal(['scorm12', 'scorm2004']);
        expect(first.messages('courses registered')[0]?.courses).to.deep.equal(['exempel@1.0.0']);
        const registered = await kompetenta.database.stores.courses.latestVersion('exempel');
        expect(registered?.version).to.equal('1.0.0');

        // The player's content route serves exactly the bytes of the 2004 zip.
        const base = `http://127.0.0.1:${kompetenta.server.port}`;
        const entries = await unzip(zip2004);
        expect([...entries.keys()]).to.include.members([
          'index.html',
          'assets/runtime.js',
          'imsmanifest.xml',
        ]);
        for (const [path, bytes] of entries) {
          const res = await fetch(`${base}/content/exempel/1.0.0/2004/${path}`);
          expect(res.status, path).to.equal(200);
          expect(Buffer.from(await res.arrayBuffer()).equals(bytes), path).to.equal(true);
        }
        const page = await fetch(`${base}/content/exempel/1.0.0/2004/index.html`);
        expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
        const again = await fetch(`${base}/content/exempel/1.0.0/2004/index.html`, {
          headers: { 'If-None-Match': page.headers.get('etag') ?? '' },
        });
        expect(again.status).to.equal(304);
        expect((await fetch(`${base}/content/exempel/1.0.0/2004/..%2f..%2fcourses`)).status).to.equal(400);
        expect((await fetch(`${base}/content/okand/1.0.0/2004/index.html`)).status).to.equal(404);
      } finally {
        await kompetenta.shutdown();
      }

      // 2. Second start on the same data: nothing is rebuilt, even with the zip's mtime far in the past.
      utimesSync(zip2004, new Date('2001-01-01'), new Date('2001-01-01'));
      const builtAt = statSync(zip2004).mtimeMs;
      const second = capturingLogger();
      kompetenta = await startKompetenta(config, second.logger);
      await kompetenta.shutdown();
      expect(second.messages('course packages built')).to.deep.equal([]);
      expect(second.messages('course packages up to date')[0]?.upToDate).to.deep.equal([
        'scorm12',
        'scorm2004',
      ]);
      expect(statSync(zip2004).mtimeMs).to.equal(builtAt);

      // 3. An edited source is rebuilt on the next start; the new bytes are what the zip holds.
      const lesson = readdirSync(join(coursesDir, 'exempel', 'lessons')).find((name) =>
        name.endsWith('.sv.md'),
      );
      const lessonPath = join(coursesDir, 'exempel', 'lessons', lesson!);
      writeFileSync(lessonPath, `${readFileSync(lessonPath, 'utf8')}\nEn ny mening om handledning.\n`);
      const third = capturingLogger();
      kompetenta = await startKompetenta(config, third.logger);
      try {
        expect(third.messages('course packages built')[0]?.built).to.deep.equal(['scorm12', 'scorm2004']);
        expect(statSync(zip2004).mtimeMs).to.not.equal(builtAt);
        const index = (await unzip(zip2004)).get('index.html')!;
        expect(index.toString('utf8')).to.contain('En ny mening om handledning.');
        const res = await fetch(
          `http://127.0.0.1:${kompetenta.server.port}/content/exempel/1.0.0/2004/index.html`,
        );
        expect(Buffer.from(await res.arrayBuffer()).equals(index)).to.equal(true);
        // Same version number, other content: the catalogue keeps the first and says so.
        expect(
          third.messages(
            'course source changed without a new version number; raise the version in course.yaml',
          ),
        ).to.have.length(1);
      } finally {
        await kompetenta.shutdown();
      }
    } finally {
      remove();
    }
  });

  it('lets two instances build into one packages folder at once: whole zips, no temporary files left', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const coursesDir = join(dir, 'courses');
      cpSync(join(repositoryCourses, 'exempel'), join(coursesDir, 'exempel'), { recursive: true });
      const packagesDir = join(dir, 'packages');
      const logger = pino({ level: 'silent' });
      const [a, b] = await Promise.all([
        buildCoursePackages(coursesDir, packagesDir, logger),
        buildCoursePackages(coursesDir, packagesDir, logger),
      ]);
      expect(a.map((course) => course.slug)).to.deep.equal(['exempel']);
      expect(b.map((course) => course.sourceHash)).to.deep.equal(a.map((course) => course.sourceHash));
      expect(readdirSync(packagesDir).sort()).to.deep.equal([
        'exempel-1.0.0-scorm12.zip',
        'exempel-1.0.0-scorm2004.zip',
      ]);
      for (const name of readdirSync(packagesDir)) {
        expect((await unzip(join(packagesDir, name))).has('index.html'), name).to.equal(true);
      }
      // Freshness is the content hash: a source whose mtime moved (a checkout, a copy) but whose
      // bytes did not is not rebuilt.
      utimesSync(join(coursesDir, 'exempel', 'course.yaml'), new Date(), new Date(Date.now() + 60_000));
      const [again] = await buildCoursePackages(coursesDir, packagesDir, logger);
      expect(again!.packages.map((item) => item.built)).to.deep.equal([false, false]);
    } finally {
      remove();
    }
  });

  it('leaves out a course with source problems, logging each, and starts with the others', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const coursesDir = join(dir, 'courses');
      cpSync(join(repositoryCourses, 'exempel'), join(coursesDir, 'exempel'), { recursive: true });
      cpSync(join(repositoryCourses, 'exempel'), join(coursesDir, 'trasig'), { recursive: true });
      writeFileSync(join(coursesDir, 'trasig', 'course.yaml'), 'slug: trasig\nversion: [not, a, version\n');
      const lines: string[] = [];
      const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
      const built = await buildCoursePackages(coursesDir, join(dir, 'packages'), logger);
      expect(built.map((course) => course.slug)).to.deep.equal(['exempel']);
      expect(lines.join('')).to.contain('course left out').and.contain('course.yaml');
      expect(readdirSync(join(dir, 'packages')).filter((name) => name.startsWith('trasig'))).to.deep.equal(
        [],
      );
    } finally {
      remove();
    }
  });
});
