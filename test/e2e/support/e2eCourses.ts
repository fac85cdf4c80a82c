import { listCourses } from '@kompetenta/course-builder';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import { coursesDir } from './packageServer';

/** Every course in courses/ (the sample course and the real ones), found at load time. */
export const courseSlugs: readonly string[] = listCourses(coursesDir);

export const scormVersions: readonly ScormVersion[] = ['scorm12', 'scorm2004'];

/** The course that exercises every feature of the format; some tests run only on it. */
export const sampleCourse = 'exempel';
