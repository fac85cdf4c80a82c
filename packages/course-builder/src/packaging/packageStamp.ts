import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import yauzl from 'yauzl';

/** Every file under `dir` (recursively), in path order, hashed with its relative path. */
function hashTree(hash: Hash, dir: string, include: (file: string) => boolean = () => true): void {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(include)
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
}

/**
 * `sha256:<hex>` over every file of a course source folder, in path order: any edit (text, image,
 * parameters, tracking ids) changes it. The catalogue stores it as the version's content hash.
 */
export function courseSourceHash(courseDir: string): string {
  const hash = createHash('sha256');
  hashTree(hash, courseDir);
  return `sha256:${hash.digest('hex')}`;
}

const packageRoot = join(__dirname, '..', '..');
/** Code, not its maps or declarations: those do not change what a build writes. */
const isCode = (file: string) => /\.(js|ts|cjs|mjs)$/.test(file) && !/\.d\.ts$/.test(file);
let fingerprint: string | undefined;

/**
 * What the builder itself puts into every package: its own code (the folder this module runs
 * from: `src` under tsx, `dist` when built), templates, stylesheet, the browser runtime and the
 * scorm-runtime code that runtime bundles. A new Kompetenta release changes it, so packages built
 * by an older builder are rebuilt on start. Computed once per process.
 */
export function builderFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    hashTree(hash, join(__dirname, '..'), isCode);
    hashTree(hash, join(packageRoot, 'runtime'), isCode);
    hashTree(hash, join(packageRoot, 'templates'));
    hashTree(hash, join(packageRoot, 'assets'), (file) => file.endsWith('.css'));
    hashTree(hash, dirname(require.resolve('@kompetenta/scorm-runtime')), isCode);
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** Marks the zip comments this builder writes, so a foreign comment never matches by accident. */
const STAMP_PREFIX = 'kompetenta-package-stamp:v1 sha256:';

/**
 * The stamp of one package: a hash of the course source, the builder and the SCORM version. It is
 * written into the zip's comment, so it travels with the zip and is replaced with it in the same
 * atomic rename. Equal stamps mean a rebuild would write the same bytes (builds are deterministic).
 */
export function packageStamp(sourceHash: string, version: ScormVersion): string {
  const hash = createHash('sha256')
    .update(sourceHash)
    .update('\0')
    .update(builderFingerprint())
    .update('\0')
    .update(version)
    .digest('hex');
  return `${STAMP_PREFIX}${hash}`;
}

/**
 * The stamp in a zip's comment; null when there is no zip, it cannot be read (a torn copy, not a
 * zip) or it carries no stamp of ours. Any of these means: build it.
 */
export async function readPackageStamp(zipPath: string): Promise<string | null> {
  if (!existsSync(zipPath)) return null;
  try {
    // Reads only the end of the file (the comment sits in the end-of-central-directory record).
    const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
    zip.close();
    return zip.comment.startsWith(STAMP_PREFIX) ? zip.comment : null;
  } catch {
    return null;
  }
}
