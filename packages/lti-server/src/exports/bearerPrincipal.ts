import { AppError, hashApiTokenSecret, isApiTokenSecret, systemClock } from '@kompetenta/core';
import type { RequestHandler, Response } from 'express';
import { asyncHandler } from '../http/asyncHandler';
import type { ExportDeps } from './ExportDeps';
import type { ExportPrincipal } from './ExportPrincipal';
import type { ExportRateLimits } from './exportRateLimits';

const BEARER = /^Bearer +(\S+)$/i;

/** The principal the bearer middleware put on the response. */
export function exportPrincipalOf(res: Response): ExportPrincipal {
  const principal = res.locals.exportPrincipal as ExportPrincipal | undefined;
  if (!principal) throw new AppError('APP_INTERNAL_ERROR', 'The export route ran without a principal.');
  return principal;
}

function rateLimited(wait: number): AppError {
  return new AppError('REPORT_RATE_LIMITED', undefined, { retryAfterSeconds: wait });
}

/**
 * Authenticates `Authorization: Bearer kmp_…` against the stored SHA-256 hashes: missing,
 * unknown and revoked tokens get 401; a client address with too many failures, or a token with
 * too many exports, gets 429. On success the token's scope becomes the request's principal.
 */
export function bearerPrincipal(deps: ExportDeps, limits: ExportRateLimits): RequestHandler {
  return asyncHandler(async (req, res, next) => {
    const address = req.ip ?? 'unknown';
    const now = (deps.clock ?? systemClock).now();
    const fail = async (error: AppError): Promise<never> => {
      await limits.countFailure(address, now);
      throw error;
    };
    const blocked = await limits.blockedAddress(address, now);
    if (blocked > 0) throw rateLimited(blocked);
    const header = req.get('authorization');
    if (!header) return fail(new AppError('TOKEN_BEARER_MISSING'));
    const secret = BEARER.exec(header)?.[1] ?? '';
    if (!isApiTokenSecret(secret)) return fail(new AppError('TOKEN_SECRET_UNKNOWN'));
    const token = await deps.stores.apiTokens.findBySecretHash(hashApiTokenSecret(secret));
    if (!token) return fail(new AppError('TOKEN_SECRET_UNKNOWN'));
    if (token.revokedAt) return fail(new AppError('TOKEN_ACCESS_REVOKED', undefined, { token: token.id }));
    const wait = await limits.takeExport(token.id, now);
    if (wait > 0) throw rateLimited(wait);
    await deps.stores.apiTokens.markUsed(token.id, now);
    const principal: ExportPrincipal = {
      actor: `token:${token.id}`,
      label: token.name,
      organisationId: token.organisationId,
      via: 'token',
    };
    res.locals.exportPrincipal = principal;
    next();
  });
}
