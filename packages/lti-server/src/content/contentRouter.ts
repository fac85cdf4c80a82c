import type { ScormVersion } from '@kompetenta/core';
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream';
import { asyncHandler } from '../http/asyncHandler';
import type { LtiLogger } from '../LtiRouterOptions';
import { html, page } from '../pages/layout';
import type { CourseContentFile, CourseContentSource } from './CourseContentSource';
import { packagePath, SLUG, VERSION } from './contentPath';

/** Where the router is mounted; URLs are `/content/<slug>/<version>/<1.2|2004>/<path>`. */
export const CONTENT_PATH = '/content';

/**
 * How long browsers may keep a file without asking again. A course version's files never change
 * (a new build of the same version warns at start-up), so a day is safe; the ETag makes the
 * question after that cheap.
 */
const MAX_AGE_SECONDS = 86_400;

/** The URL segment is core's ScormVersion as stored on the attempt. */
const SCORM_VERSIONS: readonly string[] = ['1.2', '2004'] satisfies readonly ScormVersion[];

function isScormVersion(value: string): value is ScormVersion {
  return SCORM_VERSIONS.includes(value);
}

/** True when `If-None-Match` names this tag (or `*`); weak tags compare by their opaque part. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

function refuse(res: Response, status: 400 | 404): void {
  const [heading, text] =
    status === 404
      ? ['Sidan finns inte', 'Det finns ingen kursfil på den här adressen. Kursen kan ha fått en ny version.']
      : ['Felaktig adress', 'Adressen till kursfilen är inte giltig.'];
  const main = html`<p>${text}</p>
    <p>Gå tillbaka till lärplattformen och öppna kursen igen.</p>`;
  res
    .status(status)
    .set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
    .type('html')
    .send(page(heading, heading, main));
}

function send(req: Request, res: Response, file: CourseContentFile, logger: LtiLogger): void {
  res.set({
    'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`,
    ETag: file.etag,
    'X-Content-Type-Options': 'nosniff',
  });
  const notModified = matches(req.get('If-None-Match'), file.etag);
  if (notModified || req.method === 'HEAD') {
    if (!Buffer.isBuffer(file.body)) file.body.destroy();
    if (notModified) res.status(304).end();
    else res.status(200).type(file.contentType).set('Content-Length', String(file.size)).end();
    return;
  }
  res.status(200).set({ 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
  if (Buffer.isBuffer(file.body)) {
    res.end(file.body);
    return;
  }
  // Headers are out once bytes flow: a read error can only cut the response, so it is logged.
  pipeline(file.body, res, (error) => {
    if (error && !res.writableFinished && !req.destroyed)
      logger.error({ path: req.path, err: error }, 'course content read failed');
  });
}

/**
 * `GET|HEAD /content/:slug/:version/:scormVersion/*`: one file of a built course version, for the
 * player's iframe (same origin, so the SCO finds the API in `window.parent`). Public: the courses
 * are open content, and an iframe cannot carry the attempt token to every image. Immutable
 * versions, so `Cache-Control: public` with an ETag answered by 304; `nosniff` so a file is only
 * ever what its type says. Unsafe paths answer 400, unknown files 404, each with a Swedish page.
 */
export function createContentRouter(source: CourseContentSource, logger: LtiLogger): Router {
  const router = Router();
  // Parsed by hand rather than with route parameters: Express decodes those itself and fails on
  // malformed percent-encoding before a handler could answer with our own page.
  router.use(
    asyncHandler(async (req, res, next) => {
      const [empty, slug = '', version = '', scormVersion = '', ...rest] = req.path.split('/');
      if ((req.method !== 'GET' && req.method !== 'HEAD') || empty !== '' || rest.length === 0) return next();
      const path = packagePath(rest.join('/'));
      if (path === null) return refuse(res, 400);
      // Raw segments: an encoded character fails these patterns, as an unknown name should.
      if (!SLUG.test(slug) || !VERSION.test(version) || !isScormVersion(scormVersion))
        return refuse(res, 404);
      const file = await source.open(slug, version, scormVersion, path);
      if (!file) return refuse(res, 404);
      send(req, res, file, logger);
    }),
  );
  return router;
}
