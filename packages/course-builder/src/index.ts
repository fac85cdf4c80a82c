/**
 * @kompetenta/course-builder — course source → validated model → accessible HTML → imsmanifest.xml
 * → SCORM 1.2 / 2004 zips, plus the preview server.
 *
 * The public API: {@link validateCourse} and {@link buildCourse} for a course defined in code;
 * {@link checkCourse}, {@link prepareCourse} and {@link buildPackages} for a course folder;
 * {@link BuiltPackageReader} to read a built zip; {@link startPreview}. Helpers of the kompetenta
 * CLI (stamps, tracking ids, zip writing, format parsing) are in `@kompetenta/course-builder/internal`:
 * for `@kompetenta/app` only, no stability promise.
 * @packageDocumentation
 */
export { listCourses, courseDir } from './courses';
export {
  checkCourse,
  prepareCourse,
  packageFileName,
  buildCourse,
  buildPackages,
  validateCourse,
  type BuildCourseOptions,
  type BuiltCourse,
  type PreparedCourse,
  type CoursePackage,
  type CoursePackages,
} from './buildCourse';
export {
  BuiltPackageReader,
  type BuiltPackageEntry,
  type OpenedPackageEntry,
} from './packaging/BuiltPackageReader';
export { readCourse, type ReadResult } from './source/readCourse';
export type { CourseSource, LessonSource, LessonTextSource } from './source/CourseSource';
export { ProblemList, formatProblem, type Problem } from './source/ProblemList';
export type * from './source/CourseModel';
export type { TrackingIds } from './tracking';
export { manifestProblems, assertManifest } from './manifest/checkManifest';
export { lessonReadability, type LessonReadability } from './readability';
export type { RuntimeCourse, RuntimeLesson, RuntimeQuestion } from './runtimeData';
export { startPreview, type PreviewOptions, type PreviewServer } from './preview/previewServer';
