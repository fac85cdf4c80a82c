import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import yauzl from 'yauzl';
import { buildCourse } from '@kompetenta/course-builder';
import { contentType, harnessFiles } from '@kompetenta/course-builder/internal';
import type { ScormVersion } from '@kompetenta/scorm-runtime';

export const repoRoot = join(__dirname, '..', '..', '..');
export const coursesDir = join(repoRoot, 'courses');

/** Reads every entry of a zip into memory (name → bytes). */
export function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A built package, unzipped and served next to the stand-in LMS page (scorm-again). */
export interface ServedPackage {
  readonly zipPath: string;
  readonly dir: string;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly origin: string;
  /** The LMS page URL that launches the course (manual: waits for harness.launch()). */
  harnessUrl(manual?: boolean): string;
  close(): Promise<void>;
}

/** Builds a course with the real builder, unzips the package and serves it on 127.0.0.1. */
export async function servePackage(slug: string, version: ScormVersion): Promise<ServedPackage> {
  const tmp = mkdtempSync(join(tmpdir(), `kompetenta-e2e-${version}-`));
  const [zipPath] = await buildCourse(coursesDir, slug, join(tmp, 'out'), [version], {
    writeTrackingIds: false,
  });
  if (!zipPath) throw new Error('no package built');
  const files = await readZip(zipPath);
  const dir = join(tmp, 'unzipped');
  for (const [name, data] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  const harness = harnessFiles();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const fixed = harness.get(path);
    if (fixed) return void res.writeHead(200, { 'content-type': fixed.type }).end(fixed.data);
    const relative = normalize(path.replace(/^\/course\//, '')).replace(/^(\.\.[/\\])+/, '');
    try {
      const data = readFileSync(join(dir, relative));
      res.writeHead(200, { 'content-type': contentType(relative) }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    zipPath,
    dir,
    files,
    origin,
    harnessUrl: (manual = false) =>
      `${origin}/?version=${version}&launch=course/index.html${manual ? '&manual=1' : ''}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(tmp, { recursive: true, force: true });
      }),
  };
}
