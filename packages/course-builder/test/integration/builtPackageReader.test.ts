import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { BuiltPackageReader, buildPackages, prepareCourse } from '../../src/index';
import { packageEntries, readPackageStamp } from '../../src/internal';
import { fixtureCourses } from '../support/fixtureCourse';

const repositoryCourses = join(__dirname, '../../../../courses');

/** Every entry of a zip, read independently of the reader under test. */
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

describe('BuiltPackageReader', () => {
  const reader = new BuiltPackageReader();
  let coursesDir: string;
  let out: string;

  before(() => {
    // A copy of the sample course, so the build may write tracking ids without touching courses/.
    coursesDir = mkdtempSync(join(tmpdir(), 'kompetenta-reader-courses-'));
    cpSync(join(repositoryCourses, 'exempel'), join(coursesDir, 'exempel'), { recursive: true });
    out = mkdtempSync(join(tmpdir(), 'kompetenta-reader-out-'));
  });
  after(async () => {
    await reader.close();
    rmSync(coursesDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  for (const version of ['scorm12', 'scorm2004'] as const) {
    it(`serves every file of the ${version} zip byte for byte as the builder made it`, async () => {
      const { packages } = await buildPackages(coursesDir, 'exempel', out, [version]);
      const zipPath = packages[0]!.path;
      const built = await packageEntries(prepareCourse(coursesDir, 'exempel'), version);
      const unzipped = await unzip(zipPath);
      const listed = (await reader.entries(zipPath))!;
      expect(listed.map((entry) => entry.path).sort()).to.deep.equal(built.map((entry) => entry.path).sort());
      for (const entry of built) {
        const served = await reader.read(zipPath, entry.path);
        expect(served?.equals(entry.data), entry.path).to.equal(true);
        expect(served?.equals(unzipped.get(entry.path)!), entry.path).to.equal(true);
        expect(listed.find((item) => item.path === entry.path)?.size).to.equal(entry.data.length);
      }
      expect(await reader.open(zipPath, 'no-such-file.html')).to.equal(null);
      expect(await reader.open(join(out, 'missing.zip'), 'index.html')).to.equal(null);
    });
  }

  it('writes the package stamp as the zip comment and leaves a fresh zip alone', async () => {
    const courses = fixtureCourses();
    const target = mkdtempSync(join(tmpdir(), 'kompetenta-stamp-'));
    const first = await buildPackages(courses, 'demo', target, ['scorm2004'], { onlyStale: true });
    const zipPath = first.packages[0]!.path;
    expect(first.packages[0]!.built).to.equal(true);
    const stamp = await readPackageStamp(zipPath);
    expect(stamp).to.match(/^kompetenta-package-stamp:v1 sha256:[0-9a-f]{64}$/);
    expect(await reader.comment(zipPath)).to.equal(stamp);
    // An old mtime must not matter: freshness is the content hash, not the clock.
    utimesSync(zipPath, new Date('2001-01-01'), new Date('2001-01-01'));
    const mtime = statSync(zipPath).mtimeMs;
    const second = await buildPackages(courses, 'demo', target, ['scorm2004'], { onlyStale: true });
    expect(second.packages[0]!.built).to.equal(false);
    expect(statSync(zipPath).mtimeMs).to.equal(mtime);

    const before = (await reader.read(zipPath, 'index.html'))!;
    const etagBefore = (await reader.open(zipPath, 'index.html'))!;
    etagBefore.stream.destroy();
    const lesson = join(courses, 'demo', 'lessons', 'd1.sv.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('## Rubrik', '## Ny rubrik'));
    const third = await buildPackages(courses, 'demo', target, ['scorm2004'], { onlyStale: true });
    expect(third.packages[0]!.built).to.equal(true);
    expect(await readPackageStamp(zipPath)).to.not.equal(stamp);
    const after = (await reader.read(zipPath, 'index.html'))!;
    expect(after.equals(before), 'the rebuilt zip is re-indexed').to.equal(false);
    expect(after.toString('utf8')).to.contain('Ny rubrik');
    const etagAfter = (await reader.open(zipPath, 'index.html'))!;
    etagAfter.stream.destroy();
    expect(etagAfter.etag).to.not.equal(etagBefore.etag);
    rmSync(target, { recursive: true, force: true });
  });

  it('reads nothing until a stream is read, and lets an unread stream be destroyed', async () => {
    const { packages } = await buildPackages(coursesDir, 'exempel', out, ['scorm2004'], { onlyStale: true });
    const zipPath = packages[0]!.path;
    const unread = (await reader.open(zipPath, 'assets/runtime.js'))!;
    unread.stream.destroy();
    const read = (await reader.open(zipPath, 'assets/runtime.js'))!;
    const chunks: Buffer[] = [];
    for await (const chunk of read.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).length).to.equal(read.size);
    // Many reads at once share the open zip.
    const all = await Promise.all(Array.from({ length: 20 }, () => reader.read(zipPath, 'index.html')));
    expect(new Set(all.map((data) => data!.toString('base64'))).size).to.equal(1);
  });

  it('treats a torn or foreign file as stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompetenta-torn-'));
    const torn = join(dir, 'torn.zip');
    writeFileSync(torn, 'PK not really a zip');
    expect(await readPackageStamp(torn)).to.equal(null);
    expect(await readPackageStamp(join(dir, 'missing.zip'))).to.equal(null);
    rmSync(dir, { recursive: true, force: true });
  });
});
