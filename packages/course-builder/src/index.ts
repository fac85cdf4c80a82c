/**
 * @kompetenta/course-builder — course source → validated model → accessible HTML → imsmanifest.xml
 * → SCORM 1.2 / 2004 zips, plus the preview server.
 * @packageDocumentation
 */
export { listCourses, courseDir } from './courses';
export {
  checkCourse,
  prepareCourse,
  packageEntries,
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
  courseSourceHash,
  builderFingerprint,
  packageStamp,
  readPackageStamp,
} from './packaging/packageStamp';
export {
  BuiltPackageReader,
  type BuiltPackageEntry,
  type OpenedPackageEntry,
} from './packaging/BuiltPackageReader';
export { readCourse } from './source/readCourse';
export type { CourseSource, LessonSource, LessonTextSource } from './source/CourseSource';
export { ProblemList, formatProblem, type Problem } from './source/ProblemList';
export type * from './source/CourseModel';
export { readTracking, assignTracking, writeTracking, type TrackingIds } from './tracking';
export { manifestProblems, assertManifest } from './manifest/checkManifest';
export { manifestIdentifiers, renderManifest } from './manifest/renderManifest';
export { writeZip, type PackageEntry } from './packaging/writeZip';
export { lix } from './lix';
export { lessonReadability, countedParts, type LessonReadability } from './readability';
export type { RuntimeCourse } from './runtimeData';
export { startPreview, type PreviewOptions, type PreviewServer } from './preview/previewServer';
export { harnessFiles, contentType } from './preview/harnessFiles';
export { parseFormats, resolveSlugs, defaultFormats } from './cliSupport';
