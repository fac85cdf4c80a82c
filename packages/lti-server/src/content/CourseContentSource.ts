import type { ScormVersion } from '@kompetenta/core';
import type { Readable } from 'node:stream';

/** One file of a course version's SCO, ready to send. */
export interface CourseContentFile {
  /** The bytes, or a stream of them (the router consumes or destroys it). */
  readonly body: Buffer | Readable;
  /** Full `Content-Type` value, e.g. `text/html; charset=utf-8`. */
  readonly contentType: string;
  /** Length in bytes (`Content-Length`). */
  readonly size: number;
  /** A strong entity tag, quoted (`"…"`): equal tags mean equal bytes. */
  readonly etag: string;
}

/**
 * Where the player's course content comes from (the port; the app implements it by reading the
 * built SCORM zips, so the player serves exactly the SCO an LMS would import). Versions are
 * immutable: one (slug, version, SCORM version, path) always names the same bytes.
 */
export interface CourseContentSource {
  /**
   * One file of one built course version. `path` is already checked by the router: relative,
   * `/`-separated, no `.` or `..` segments, no backslash or NUL. Resolves to null when the
   * course, the version, its package for that SCORM version or the file does not exist.
   */
  open(
    slug: string,
    version: string,
    scormVersion: ScormVersion,
    path: string,
  ): Promise<CourseContentFile | null>;
}
