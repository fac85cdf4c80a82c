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
import { AppError } from '@kompetenta/core';
import { defaultFormats, parseFormats } from './cliSupport';
import type { CourseSource } from './source/CourseSource';
import { writeCourseSource } from './source/writeCourseSource';

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
  return checkCourseFolder(dir, join(coursesDir, '..'), readTracking(dir));
}

/** checkCourse for any course folder, with problem paths relative to `baseDir`. */
function checkCourseFolder(
  dir: string,
  baseDir: string,
  tracking: TrackingIds,
): { prepared: PreparedCourse | undefined; problems: readonly Problem[] } {
  const { model, problems } = readCourse(dir, baseDir);
  if (!model) return { prepared: undefined, problems: problems.all() };
  const { ids } = assignTracking(model, tracking);
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
  if (!prepared) throwIfProblems(slug, problems);
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

/** Where `buildCourse(source, options)` writes, and which SCORM versions. */
export interface BuildCourseOptions {
  /** The folder the zips are written to (created when missing). */
  readonly outDir: string;
  /** The SCORM versions to build, one zip each; both when not given. */
  readonly formats?: readonly ScormVersion[];
}

/** What `buildCourse(source, options)` wrote. */
export interface BuiltCourse {
  readonly slug: string;
  readonly version: string;
  /** One zip per SCORM version, named `<slug>-<version>-<scormVersion>.zip`. */
  readonly packages: readonly { readonly scormVersion: ScormVersion; readonly path: string }[];
  /** The tracking ids the packages use; pass them as `source.tracking` when the course is rebuilt. */
  readonly tracking: TrackingIds;
}

/**
 * Checks a course defined in code by the same reader and rules as a course folder
 * (docs/authoring/format.md), including what only rendering finds (alt text, `{{param.x}}`,
 * headings). Returns every problem, empty when the course can be built; writes nothing that stays.
 * A problem's `file` is the file of the folder format the value belongs to (`course.yaml`,
 * `lessons/<id>.<lang>.md`, `parameters.yaml`, `images`) and its message names the field,
 * e.g. `lessons/intro.sv.md: questions.0.options: needs exactly one option with correct: true`.
 */
export function validateCourse(source: CourseSource): readonly Problem[] {
  const { problems } = withSourceFolder(source, (checked) => checked);
  return problems;
}

/**
 * Builds a course defined in code (a {@link CourseSource}) into one SCORM zip per version in
 * `options.outDir`, each written atomically with its package stamp. An invalid course throws
 * COURSE_SOURCE_INVALID listing every problem (as `validateCourse` returns them) and writes no zip.
 */
export function buildCourse(source: CourseSource, options: BuildCourseOptions): Promise<BuiltCourse>;
/**
 * Builds `courses/<slug>/` (the `kompetenta build` command): `buildPackages` that always writes,
 * returning the zip paths.
 */
export function buildCourse(
  coursesDir: string,
  slug: string,
  outDir: string,
  versions: readonly ScormVersion[],
  options?: { writeTrackingIds?: boolean },
): Promise<string[]>;
export async function buildCourse(
  sourceOrCoursesDir: CourseSource | string,
  ...rest: unknown[]
): Promise<BuiltCourse | string[]> {
  if (typeof sourceOrCoursesDir !== 'string') {
    return buildCourseSource(sourceOrCoursesDir, rest[0] as BuildCourseOptions);
  }
  const [slug, outDir, versions, options] = rest as [
    string,
    string,
    readonly ScormVersion[],
    { writeTrackingIds?: boolean }?,
  ];
  const { packages } = await buildPackages(sourceOrCoursesDir, slug, outDir, versions, options ?? {});
  return packages.map((built) => built.path);
}

async function buildCourseSource(source: CourseSource, options: BuildCourseOptions): Promise<BuiltCourse> {
  const { outDir, formats } = checkBuildOptions(options);
  return withSourceFolder(source, async ({ prepared, problems, dir }) => {
    if (!prepared) {
      throwIfProblems(typeof source.slug === 'string' ? source.slug : 'course', problems);
      throw new Error('unreachable: a course without a model always has problems');
    }
    const sourceHash = courseSourceHash(dir);
    const packages = [];
    for (const scormVersion of formats) {
      const path = join(outDir, packageFileName(prepared.model, scormVersion));
      await writeZip(path, await packageEntries(prepared, scormVersion), {
        comment: packageStamp(sourceHash, scormVersion),
      });
      packages.push({ scormVersion, path });
    }
    return {
      slug: prepared.model.slug,
      version: prepared.model.version,
      packages,
      tracking: prepared.tracking,
    };
  });
}

function checkBuildOptions(options: BuildCourseOptions): {
  outDir: string;
  formats: readonly ScormVersion[];
} {
  const outDir: unknown = options?.outDir;
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw new AppError(
      'COURSE_BUILD_OPTIONS_INVALID',
      `buildCourse: options.outDir must be the folder to write the zips to; got ${JSON.stringify(outDir)}.`,
    );
  }
  const formats: unknown = options.formats ?? defaultFormats;
  if (!Array.isArray(formats) || formats.length === 0) {
    throw new AppError(
      'COURSE_BUILD_OPTIONS_INVALID',
      `buildCourse: options.formats must list scorm12 and/or scorm2004; got ${JSON.stringify(formats)}.`,
    );
  }
  return { outDir, formats: parseFormats(formats.map(String).join(',')) };
}

/** Writes the source as a temporary course folder, checks it, runs `work`, and removes the folder. */
function withSourceFolder<T>(
  source: CourseSource,
  work: (checked: { prepared: PreparedCourse | undefined; problems: readonly Problem[]; dir: string }) => T,
): T {
  const writeProblems = new ProblemList();
  if (typeof source !== 'object' || source === null) {
    writeProblems.add('course.yaml', 1, 'the course source must be an object (CourseSource)');
    return work({ prepared: undefined, problems: writeProblems.all(), dir: '' });
  }
  const folder = writeCourseSource(source, writeProblems);
  let result: T;
  try {
    const checked = checkCourseFolder(folder.dir, folder.dir, source.tracking ?? emptyTracking);
    const problems = [...writeProblems.all(), ...checked.problems];
    result = work({
      prepared: problems.length === 0 ? checked.prepared : undefined,
      problems,
      dir: folder.dir,
    });
  } catch (error) {
    folder.remove();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => folder.remove()) as T;
  folder.remove();
  return result;
}

const emptyTracking: TrackingIds = { lessons: {}, questions: {}, reflections: {} };

/** Throws COURSE_SOURCE_INVALID listing `problems` (when there are any). */
function throwIfProblems(slug: string, problems: readonly Problem[]): void {
  const list = new ProblemList();
  problems.forEach((p) => list.add(p.file, p.line, p.message));
  list.throwIfAny(slug);
}
