import { AppError } from '@kompetenta/core';
import { isScormVersion, scormVersions, type ScormVersion } from '@kompetenta/scorm-runtime';
import { courseDir, listCourses } from './courses';

/** The SCORM versions a build writes when --format is not given. */
export const defaultFormats: readonly ScormVersion[] = scormVersions;

/** Parses `--format scorm12,scorm2004`; throws SCORM_VERSION_UNKNOWN naming the bad value. */
export function parseFormats(list: string): ScormVersion[] {
  const values = list
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = values.filter((v) => !isScormVersion(v));
  if (unknown.length > 0 || values.length === 0) {
    throw new AppError(
      'SCORM_VERSION_UNKNOWN',
      `Unknown --format "${unknown.join(',') || list}": use ${scormVersions.join(', ')} (comma-separated).`,
    );
  }
  return [...new Set(values)] as ScormVersion[];
}

/** The courses a command works on: the named ones (each must exist), or every course when none is named. */
export function resolveSlugs(coursesDir: string, slugs: readonly string[]): string[] {
  if (slugs.length === 0) {
    const all = listCourses(coursesDir);
    if (all.length === 0)
      throw new AppError('COURSE_NOT_FOUND', `No courses (folders with course.yaml) in ${coursesDir}.`);
    return all;
  }
  for (const slug of slugs) courseDir(coursesDir, slug);
  return [...slugs];
}
