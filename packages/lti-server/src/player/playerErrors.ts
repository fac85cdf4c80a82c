import type { AppError } from '@kompetenta/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { LtiLogger } from '../LtiRouterOptions';

/**
 * Logs what a player route refused or failed at: a refusal (4xx) as a warning, a failure as an
 * error with what was thrown; with the request's path, never the token in its query.
 */
export function logPlayerError(logger: LtiLogger, known: AppError, error: unknown, url: string): void {
  const entry = { code: known.code, path: url.split('?')[0], details: known.details };
  if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'player request failed');
  else logger.warn(entry, 'player request refused');
}

/**
 * The error handler of a player route (the page, the commit API): `classify` turns what was
 * thrown into one of our errors, which is logged (logPlayerError) and answered by `answer` with
 * its status.
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
    logPlayerError(logger, known, error, req.originalUrl);
    res.status(known.httpStatus);
    answer(res, known);
  };
}
