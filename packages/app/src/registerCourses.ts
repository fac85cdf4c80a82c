import type { CourseStore } from '@kompetenta/core';
import { checkCourse, formatProblem, listCourses } from '@kompetenta/course-builder';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger } from 'pino';

/** sha256 over every file of the course source, in path order: any edit changes it. */
function sourceHash(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

export interface RegisteredCourse {
  readonly slug: string;
  readonly version: string;
}

/**
 * Puts every valid course of `coursesDir` in the catalogue, so launches can find it by slug. A
 * course whose source has problems is left out (each problem logged, with file and line) rather
 * than stopping the server; `kompetenta validate` lists the same problems.
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
    const { model } = prepared;
    const contentHash = sourceHash(model.dir);
    const stored = await courses.registerVersion({
      courseSlug: slug,
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
        { course: slug, version: model.version },
        'course source changed without a new version number; raise the version in course.yaml',
      );
    }
    registered.push({ slug, version: model.version });
  }
  return registered;
}
