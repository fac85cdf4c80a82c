/**
 * The path of a package file from the raw (still percent-encoded) rest of a `/content/...` URL,
 * or null when it is not a plain relative path. Each segment is decoded on its own, so an encoded
 * `/` (`..%2f`) or `\\` can never join or escape segments; `.`/`..` (also as `%2e`), empty
 * segments (`//`, a leading `/`), backslashes, NUL and control characters are refused. The path
 * is only ever a key into a zip's entries, never a file system path, but it is checked as if it were.
 */
export function packagePath(raw: string): string | null {
  if (raw === '') return null;
  const segments: string[] = [];
  for (const encoded of raw.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null; // malformed percent-encoding
    }
    if (segment === '' || segment === '.' || segment === '..') return null;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\\/\u0000-\u001f\u007f]/.test(segment) || /^[a-zA-Z]:/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.join('/');
}

/** Slugs as course folders name them (courses.ts). */
export const SLUG = /^[a-z0-9-]+$/;
/** Course versions are semantic versions (course.yaml). */
export const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.-]{1,40})?$/;
