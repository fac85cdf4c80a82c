import type { ErrorRequestHandler } from 'express';
import { asHttpAppError } from '../http/asHttpAppError';
import type { LtiLogger } from '../LtiRouterOptions';

/**
 * Errors of the export API as JSON `{ status, code, message, details? }`: 401 with a
 * `WWW-Authenticate: Bearer` challenge, 429 with `Retry-After`. An error after the first byte
 * (the database failing mid-stream) can only cut the download short, which the client sees.
 */
export function exportErrorMiddleware(logger: LtiLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const known = asHttpAppError(error);
    const entry = { code: known.code, path: req.path, details: known.details, message: known.message };
    if (known.httpStatus >= 500) logger.error({ ...entry, err: error }, 'export failed');
    else logger.warn(entry, 'export refused');
    if (res.headersSent) {
      res.destroy(error instanceof Error ? error : undefined);
      next();
      return;
    }
    if (known.httpStatus === 401) res.set('WWW-Authenticate', 'Bearer realm="kompetenta"');
    const wait = known.details?.retryAfterSeconds;
    if (known.httpStatus === 429 && typeof wait === 'number') res.set('Retry-After', String(wait));
    const details = known.httpStatus >= 500 ? undefined : known.details;
    res
      .status(known.httpStatus)
      .set('Cache-Control', 'no-store')
      .json({
        status: known.httpStatus,
        code: known.code,
        message: known.message,
        ...(details ? { details } : {}),
      });
  };
}
