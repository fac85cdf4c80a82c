import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import type { CourseModel } from './source/CourseModel';
import { ProblemList, type Problem } from './source/ProblemList';
import { readCourse } from './source/readCourse';
import { assignTracking, readTracking, writeTracking, type TrackingIds } from './tracking';
import { renderPage } from './render/renderPage';
import { renderManifest } from './manifest/renderManifest';
import { assertManifest } from './manifest/checkManifest';
import { writeZip, type PackageEntry } from './packaging/writeZip';
import { courseSourceHash, packageStamp, readPackageStamp } from './packaging/packageStamp';
import { runtimeScript } from './runtimeBundle';
import { courseDir } from './courses';

const cssPath = join(__dirname, '..', 'assets', 'course.css');

/** A course that passed validation, with its tracking ids. */
export interface PreparedCourse {
  readonly model: CourseModel;
  readonly tracking: TrackingIds;
}

/**
 * Step 1+2: read the source and check everything, including what only rendering finds (alt text,
 * parameters, headings). Returns every problem; writes nothing.
 */
export function checkCourse(
  coursesDir: string,
  slug: string,
): { prepared: PreparedCourse | undefined; problems: readonly Problem[] } {
  const dir = courseDir(coursesDir, slug);
  const { model, problems } = readCourse(dir, join(coursesDir, '..'));
  if (!model) return { prepared: undefined, problems: problems.all() };
  const { ids } = assignTracking(model, readTracking(dir));
  const renderProblems = new ProblemList();
  renderPage(model, ids, 'scorm2004', renderProblems);
  return {
    prepared: renderProblems.size === 0 ? { model, tracking: ids } : undefined,
    problems: renderProblems.all(),
  };
}

/** Like checkCourse, but throws COURSE_SOURCE_INVALID with every problem instead of returning them. */
export function prepareCourse(coursesDir: string, slug: string): PreparedCourse {
  const { prepared, problems } = checkCourse(coursesDir, slug);
  if (!prepared) {
    const list = new ProblemList();
    problems.forEach((p) => list.add(p.file, p.line, p.message));
    list.throwIfAny(slug);
  }
  return prepared as PreparedCourse;
}

/** Step 3+4: every file of one package (page, assets, images, manifest), checked against the manifest rules. */
export async function packageEntries(
  prepared: PreparedCourse,
  version: ScormVersion,
): Promise<PackageEntry[]> {
  const { model, tracking } = prepared;
  const page = renderPage(model, tracking, version, new ProblemList());
  const files: PackageEntry[] = [
    { path: 'index.html', data: Buffer.from(page.html) },
    { path: 'assets/course.css', data: readFileSync(cssPath) },
    { path: 'assets/runtime.js', data: await runtimeScript() },
    ...page.images.map((image) => ({ path: image, data: readFileSync(join(model.dir, image)) })),
  ];
  const manifest = renderManifest(
    model,
    version,
    files.map((f) => f.path),
  );
  const entries = [{ path: 'imsmanifest.xml', data: Buffer.from(manifest) }, ...files];
  assertManifest(
    manifest,
    version,
    entries.map((e) => e.path),
    `${model.slug} ${version}`,
  );
  return entries;
}

/** `<slug>-<version>-<scormVersion>.zip` */
export function packageFileName(model: CourseModel, version: ScormVersion): string {
  return `${model.slug}-${model.version}-${version}.zip`;
}

/** One package of a course: where it is and whether this call wrote it. */
export interface CoursePackage {
  readonly scormVersion: ScormVersion;
  readonly path: string;
  /** False when `onlyStale` found a zip with the same stamp and left it alone. */
  readonly built: boolean;
}

/** What `buildPackages` did for one course. */
export interface CoursePackages {
  readonly prepared: PreparedCourse;
  /** `courseSourceHash` of the course folder after the build (tracking ids written). */
  readonly sourceHash: string;
  readonly packages: readonly CoursePackage[];
}

/**
 * Builds one course into one zip per SCORM version. Refuses an invalid source (COURSE_SOURCE_INVALID),
 * writes new tracking ids back to tracking.yaml, and writes each zip atomically with its package
 * stamp as the zip comment. With `onlyStale`, a zip whose stamp equals the one this build would
 * write is left as it is (see packageStamp.ts for why a content hash, not mtimes).
 */
export async function buildPackages(
  coursesDir: string,
  slug: string,
  outDir: string,
  versions: readonly ScormVersion[],
  options: { writeTrackingIds?: boolean; onlyStale?: boolean } = {},
): Promise<CoursePackages> {
  const { model } = prepareCourse(coursesDir, slug);
  const { ids, changed } = assignTracking(model, readTracking(model.dir));
  // Benchmarks and dry runs pass writeTrackingIds: false so they leave the course source untouched.
  if (changed && options.writeTrackingIds !== false) writeTracking(model.dir, ids);
  // After writing tracking.yaml, so the hash is that of the source as it now stays.
  const sourceHash = courseSourceHash(model.dir);
  const prepared = { model, tracking: ids };
  const packages: CoursePackage[] = [];
  for (const version of versions) {
    const path = join(outDir, packageFileName(model, version));
    const stamp = packageStamp(sourceHash, version);
    const fresh = options.onlyStale === true && (await readPackageStamp(path)) === stamp;
    if (!fresh) await writeZip(path, await packageEntries(prepared, version), { comment: stamp });
    packages.push({ scormVersion: version, path, built: !fresh });
  }
  return { prepared, sourceHash, packages };
}

/** `buildPackages` that always writes, returning the zip paths (the `kompetenta build` command). */
export async function buildCourse(
  coursesDir: string,
  slug: string,
  outDir: string,
  versions: readonly ScormVersion[],
  options: { writeTrackingIds?: boolean } = {},
): Promise<string[]> {
  const { packages } = await buildPackages(coursesDir, slug, outDir, versions, options);
  return packages.map((built) => built.path);
}
