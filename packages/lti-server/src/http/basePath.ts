import type { RequestHandler, Response } from 'express';

/**
 * Kompetenta may be served under a path prefix of its host (`https://portal.example/learning`,
 * a host Express app mounting it with `host.use('/learning', …)`, or a proxy that strips the
 * prefix). The prefix is the path of the public URL — one source for every link, redirect, form
 * action, script URL and cookie path a browser gets — so routes inside stay root-relative.
 */

/** The path of `publicUrl` without a trailing slash: `''` at the root of a host, else e.g. `/learning`. */
export function basePathOf(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

/** Middleware that makes the base path of `publicUrl` known to `basePath(res)` for this request. */
export function useBasePath(publicUrl: string): RequestHandler {
  const base = basePathOf(publicUrl);
  return (_req, res, next) => {
    res.locals.basePath = base;
    next();
  };
}

/** The base path `useBasePath` set for this response (`''` when none did: served at the root). */
export function basePath(res: Response): string {
  const base = (res.locals as { basePath?: unknown }).basePath;
  return typeof base === 'string' ? base : '';
}

/** The path a browser uses for one of Kompetenta's root-relative paths, e.g. `/learning/signin`. */
export function appPath(res: Response, path: string): string {
  return `${basePath(res)}${path}`;
}

/** The `Path` of Kompetenta's cookies: only its own part of the host gets them. */
export function cookiePath(res: Response): string {
  return basePath(res) || '/';
}
