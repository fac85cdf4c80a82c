import type { ScormVersion } from '@kompetenta/core';
import { BuiltPackageReader } from '@kompetenta/course-builder';
import { type CourseContentSource } from '@kompetenta/lti-server';
import { contentTypeOf } from '@kompetenta/lti-server/internal';
import { join } from 'node:path';

/** The player's course files, read straight from the zips `buildCoursePackages` wrote. */
export interface PackagedCourseContent extends CourseContentSource {
  /** Closes the zips the reader keeps open. */
  close(): Promise<void>;
}

/** Attempts store '1.2' | '2004'; the package files are named scorm12 | scorm2004. */
const packageFormat: Readonly<Record<ScormVersion, string>> = { '1.2': 'scorm12', '2004': 'scorm2004' };

/**
 * Implements lti-server's CourseContentSource over the built SCORM zips in `packagesDir`, so the
 * learner in the player gets exactly the SCO an LMS importing the zip would. Slug and version are
 * checked by the router (lower-case slug, semantic version), so they are safe in a file name.
 */
export function packagedCourseContent(packagesDir: string): PackagedCourseContent {
  const reader = new BuiltPackageReader();
  return {
    async open(slug, version, scormVersion, path) {
      const zip = join(packagesDir, `${slug}-${version}-${packageFormat[scormVersion]}.zip`);
      const entry = await reader.open(zip, path);
      if (!entry) return null;
      return { body: entry.stream, contentType: contentTypeOf(path), size: entry.size, etag: entry.etag };
    },
    close: () => reader.close(),
  };
}
