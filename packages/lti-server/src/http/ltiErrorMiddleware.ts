import type { ErrorRequestHandler } from 'express';
import { LTI_PATHS, type LtiLogger } from '../LtiRouterOptions';
import { asHttpAppError } from './asHttpAppError';
import { launchErrorPage } from '../pages/launchErrorPage';
import { newWindowPage } from '../pages/newWindowPage';

/** The fresh-login parameters a refused launch carries when a new window would work. */
function newWindowParams(details: unknown): Record<string, string> | null {
  const value = (details as { newWindow?: unknown } | undefined)?.newWindow;
  if (typeof value !== 'object' || value === null) return null;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return Object.fromEntries(entries);
}

/**
 * The one error middleware of the LTI router: every rejection is logged with its details (which
 * claim, which issuer) and answered with its status and an accessible Swedish page; internals of
 * unexpected errors stay in the log.
 */
export function createLtiErrorMiddleware(logger: LtiLogger, publicUrl: string): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = asHttpAppError(error);
    const entry = { code: known.code, path: req.path, details: known.details, message: known.message };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'LTI request failed');
    else logger.warn(entry, 'LTI request rejected');
    // No cookie and no platform storage inside the LMS's frame: offer a new window, not a dead end.
    const restart = known.code === 'LTI_STATE_BROWSER_MISMATCH' ? newWindowParams(known.details) : null;
    res
      .status(known.httpStatus)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        restart === null
          ? launchErrorPage(known.code)
          : newWindowPage(`${publicUrl}${LTI_PATHS.login}`, restart, known.code),
      );
  };
}
