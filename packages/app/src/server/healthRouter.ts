import { AppError, isAppError } from '@kompetenta/core';
import type { Database } from '@kompetenta/storage';
import { Router } from 'express';
import { asyncHandler } from './asyncHandler';

/**
 * `/healthz`: the process answers. `/readyz`: the database answers and its schema is current, so a
 * load balancer sends traffic only to instances that can serve it (503 otherwise).
 */
export function createHealthRouter(deps: { database: Database }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get(
    '/readyz',
    asyncHandler(async (_req, res) => {
      try {
        await deps.database.ping();
        const pending = await deps.database.pendingMigrations();
        if (pending.length > 0) {
          throw new AppError(
            'STORE_MIGRATIONS_PENDING',
            `Pending migrations: ${pending.join(', ')}. Run kompetenta migrate.`,
          );
        }
        res.json({ status: 'ready', database: deps.database.engine });
      } catch (error) {
        const known = isAppError(error)
          ? error
          : new AppError('STORE_DATABASE_UNREACHABLE', undefined, undefined, { cause: error });
        res.status(503).json({ status: 'unavailable', code: known.code, message: known.message });
      }
    }),
  );
  return router;
}
