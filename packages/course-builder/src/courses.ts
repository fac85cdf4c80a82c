import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@kompetenta/core';

/** Slugs of every course folder (one with a course.yaml) under `coursesDir`, sorted. */
export function listCourses(coursesDir: string): string[] {
  if (!existsSync(coursesDir)) return [];
  return readdirSync(coursesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(coursesDir, entry.name, 'course.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/** The folder of one course; throws COURSE_NOT_FOUND when it has no course.yaml. */
export function courseDir(coursesDir: string, slug: string): string {
  const dir = join(coursesDir, slug);
  if (!/^[a-z0-9-]+$/.test(slug) || !existsSync(join(dir, 'course.yaml'))) {
    throw new AppError(
      'COURSE_NOT_FOUND',
      `No course "${slug}" in ${coursesDir} (expected ${join(dir, 'course.yaml')}).`,
      { slug },
    );
  }
  return dir;
}
