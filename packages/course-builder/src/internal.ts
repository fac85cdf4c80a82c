/**
 * `@kompetenta/course-builder/internal` — what the kompetenta CLI in `@kompetenta/app`, the
 * benchmarks and this package's tests use besides the public API: package stamps, tracking ids,
 * zip writing, the preview harness and the CLI's argument helpers. For `@kompetenta/app` only: no
 * stability promise, left out of the API reference, may change in any release.
 * @packageDocumentation
 */
export { packageEntries } from './buildCourse';
export {
  courseSourceHash,
  builderFingerprint,
  packageStamp,
  readPackageStamp,
} from './packaging/packageStamp';
export { readTracking, assignTracking, writeTracking } from './tracking';
export { manifestIdentifiers, renderManifest } from './manifest/renderManifest';
export { writeZip, type PackageEntry } from './packaging/writeZip';
export { lix } from './lix';
export { countedParts } from './readability';
export { harnessFiles, contentType } from './preview/harnessFiles';
export { parseFormats, resolveSlugs, defaultFormats } from './cliSupport';
