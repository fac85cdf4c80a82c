import type { RequestHandler, Response } from 'express';

/**
 * Whether this app serves `/org/events` (the standalone router does when it has the check-in
 * secret). Menus link to a page only where it is served, and the dashboard and the profile and
 * privacy pages are other routers: the standalone router, mounted before them, says so on every
 * request that passes it, as `useBasePath` does for the base path.
 */
export function announceOrgEvents(): RequestHandler {
  return (_req, res, next) => {
    res.locals.servesOrgEvents = true;
    next();
  };
}

/** True when `announceOrgEvents` ran for this request: `/org/events` answers. */
export function servesOrgEvents(res: Response): boolean {
  return (res.locals as { servesOrgEvents?: unknown }).servesOrgEvents === true;
}
