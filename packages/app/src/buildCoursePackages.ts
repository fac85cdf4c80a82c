import { isAppError } from '@kompetenta/core';
import {
  buildPackages,
  formatProblem,
  listCourses,
  type CoursePackages,
  type Problem,
} from '@kompetenta/course-builder';
import { defaultFormats } from '@kompetenta/course-builder/internal';
import type { Logger } from 'pino';

/** One course whose packages are in the packages folder, freshly built or already up to date. */
export interface BuiltCourse extends CoursePackages {
  readonly slug: string;
  readonly version: string;
}

/** The problems a COURSE_SOURCE_INVALID error carries (ProblemList.throwIfAny). */
function problemsOf(error: unknown): readonly Problem[] {
  if (!isAppError(error) || error.code !== 'COURSE_SOURCE_INVALID') return [];
  const details = error.details as { problems?: readonly Problem[] } | undefined;
  return details?.problems ?? [];
}

/**
 * Start-up step: makes sure every valid course has its SCORM 1.2 and 2004 zips in `packagesDir`
 * (`<slug>-<version>-<scorm12|scorm2004>.zip`), building only those that are missing or stale.
 *
 * Stale is decided by the package stamp in the zip's comment (course-builder `packageStamp`): a
 * sha256 of the course source — the same content hash the catalogue stores — plus the builder's
 * own code and templates. Not by comparing mtimes: a `git checkout`, a copy or a restored backup
 * gives files arbitrary mtimes, clocks differ between hosts sharing a volume, and an mtime never
 * sees a new Kompetenta release whose builder writes different pages.
 *
 * Two instances starting at once may both build a zip; each writes a temporary file of its own and
 * renames it into place, and both write the same bytes, so either result is right. Zips of older
 * versions are kept: attempts that started on them go on playing them.
 *
 * A course with source problems is left out (each problem logged with file and line), as is one
 * whose build fails; the server starts with the others.
 */
export async function buildCoursePackages(
  coursesDir: string,
  packagesDir: string,
  logger: Logger,
): Promise<BuiltCourse[]> {
  const built: BuiltCourse[] = [];
  for (const slug of listCourses(coursesDir)) {
    const started = Date.now();
    let result: CoursePackages;
    try {
      result = await buildPackages(coursesDir, slug, packagesDir, defaultFormats, { onlyStale: true });
    } catch (error) {
      const problems = problemsOf(error);
      for (const problem of problems)
        logger.error({ course: slug }, `course left out: ${formatProblem(problem)}`);
      if (problems.length === 0) logger.error({ course: slug, err: error }, 'course left out: build failed');
      continue;
    }
    const version = result.prepared.model.version;
    const fresh = result.packages.filter((item) => item.built);
    logger.info(
      {
        course: slug,
        version,
        built: fresh.map((item) => item.scormVersion),
        upToDate: result.packages.filter((item) => !item.built).map((item) => item.scormVersion),
        ms: Date.now() - started,
      },
      fresh.length > 0 ? 'course packages built' : 'course packages up to date',
    );
    built.push({ ...result, slug, version });
  }
  return built;
}
