import type { AppError } from '@kompetenta/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { LtiLogger } from '../LtiRouterOptions';

/**
 * The error handler of a player route (the page, the commit API): `classify` turns what was
 * thrown into one of our errors, which is logged (a refusal as a warning, a failure as an error,
 * with its path but never the token in the query) and answered by `answer` with its status.
 */
export function playerErrors(
  logger: LtiLogger,
  classify: (error: unknown) => AppError,
  answer: (res: Response, known: AppError) => void,
): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = classify(error);
    const entry = { code: known.code, path: req.originalUrl.split('?')[0], details: known.details };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'player request failed');
    else logger.warn(entry, 'player request refused');
    res.status(known.httpStatus);
    answer(res, known);
  };
}
