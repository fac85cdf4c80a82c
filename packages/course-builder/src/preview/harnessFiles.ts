import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const lmsDir = join(__dirname, '..', '..', 'assets', 'lms');

/**
 * The stand-in LMS page: harness.html + harness.js + scorm-again's browser bundle, by URL path.
 * Used by `kompetenta preview` and by the browser tests, so both play courses the same way.
 */
export function harnessFiles(): ReadonlyMap<string, { readonly type: string; readonly data: Buffer }> {
  return new Map([
    ['/', { type: 'text/html; charset=utf-8', data: readFileSync(join(lmsDir, 'harness.html')) }],
    [
      '/harness.js',
      { type: 'text/javascript; charset=utf-8', data: readFileSync(join(lmsDir, 'harness.js')) },
    ],
    [
      '/scorm-again.js',
      { type: 'text/javascript; charset=utf-8', data: readFileSync(require.resolve('scorm-again')) },
    ],
  ]);
}

const types: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  xml: 'application/xml',
};

/** Content type by file extension, for serving package files. */
export function contentType(path: string): string {
  return types[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
