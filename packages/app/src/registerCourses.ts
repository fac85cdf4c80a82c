import type { CourseStore } from '@kompetenta/core';
import { checkCourse, formatProblem, listCourses, type PreparedCourse } from '@kompetenta/course-builder';
import { courseSourceHash } from '@kompetenta/course-builder/internal';
import type { Logger } from 'pino';

export interface RegisteredCourse {
  readonly slug: string;
  readonly version: string;
}

/**
 * Puts one valid course version in the catalogue, with its outline and the hash of its source
 * (`courseSourceHash`). A version is registered once; a source changed under the same version
 * number is logged, because learners' saved progress and the built zips assume it does not.
 */
export async function registerCourse(
  prepared: PreparedCourse,
  contentHash: string,
  courses: CourseStore,
  logger: Logger,
): Promise<RegisteredCourse> {
  const { model } = prepared;
  const stored = await courses.registerVersion({
    courseSlug: model.slug,
    courseTitle: model.title.sv,
    version: model.version,
    // A new major version is an incompatible change: learners start a new attempt.
    trackingMajor: Number(model.version.split('.')[0]),
    contentHash,
    outline: {
      title: model.title.sv,
      masteryScore: model.masteryScore,
      lessons: model.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.texts.sv.title,
        minutes: lesson.texts.sv.minutes,
      })),
    },
  });
  if (stored.contentHash !== contentHash) {
    logger.warn(
      { course: model.slug, version: model.version },
      'course source changed without a new version number; raise the version in course.yaml',
    );
  }
  return { slug: model.slug, version: model.version };
}

/** Registers the courses `buildCoursePackages` built or found up to date, in their order. */
export async function registerBuiltCourses(
  built: readonly { readonly prepared: PreparedCourse; readonly sourceHash: string }[],
  courses: CourseStore,
  logger: Logger,
): Promise<RegisteredCourse[]> {
  const registered: RegisteredCourse[] = [];
  for (const course of built)
    registered.push(await registerCourse(course.prepared, course.sourceHash, courses, logger));
  return registered;
}

/**
 * Puts every valid course of `coursesDir` in the catalogue, so launches can find it by slug,
 * without building anything. A course whose source has problems is left out (each problem logged,
 * with file and line) rather than stopping the server; `kompetenta validate` lists the same
 * problems. `npm start` builds first (`buildCoursePackages`) and registers what was built.
 */
export async function registerCourses(
  coursesDir: string,
  courses: CourseStore,
  logger: Logger,
): Promise<RegisteredCourse[]> {
  const registered: RegisteredCourse[] = [];
  for (const slug of listCourses(coursesDir)) {
    const { prepared, problems } = checkCourse(coursesDir, slug);
    if (!prepared) {
      for (const problem of problems)
        logger.error({ course: slug }, `course left out: ${formatProblem(problem)}`);
      continue;
    }
    registered.push(await registerCourse(prepared, courseSourceHash(prepared.model.dir), courses, logger));
  }
  return registered;
}
