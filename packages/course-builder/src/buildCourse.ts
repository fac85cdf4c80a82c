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

/**
 * Builds one course into one zip per SCORM version. Refuses an invalid source (COURSE_SOURCE_INVALID),
 * writes new tracking ids back to tracking.yaml, and writes each zip atomically. Returns the zip paths.
 */
export async function buildCourse(
  coursesDir: string,
  slug: string,
  outDir: string,
  versions: readonly ScormVersion[],
  options: { writeTrackingIds?: boolean } = {},
): Promise<string[]> {
  const prepared = prepareCourse(coursesDir, slug);
  const { ids, changed } = assignTracking(prepared.model, readTracking(prepared.model.dir));
  // Benchmarks and dry runs pass writeTrackingIds: false so they leave the course source untouched.
  if (changed && options.writeTrackingIds !== false) writeTracking(prepared.model.dir, ids);
  const written: string[] = [];
  for (const version of versions) {
    const target = join(outDir, packageFileName(prepared.model, version));
    await writeZip(target, await packageEntries({ model: prepared.model, tracking: ids }, version));
    written.push(target);
  }
  return written;
}
