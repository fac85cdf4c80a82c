import { AppError, isAppError } from '@kompetenta/core';
import type { ErrorRequestHandler } from 'express';
import type { LtiLogger } from '../LtiRouterOptions';
import { launchErrorPage } from '../pages/launchErrorPage';

/**
 * The one error middleware of the LTI router: every rejection is logged with its details (which
 * claim, which issuer) and answered with its status and an accessible Swedish page; internals of
 * unexpected errors stay in the log.
 */
export function createLtiErrorMiddleware(logger: LtiLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = isAppError(error) ? error : new AppError('APP_INTERNAL_ERROR');
    const entry = { code: known.code, path: req.path, details: known.details, message: known.message };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'LTI request failed');
    else logger.warn(entry, 'LTI request rejected');
    res
      .status(known.httpStatus)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(launchErrorPage(known.code));
  };
}
