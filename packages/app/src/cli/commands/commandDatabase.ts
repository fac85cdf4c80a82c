import { AppError, type Organisation, type Stores } from '@kompetenta/core';
import type { Database } from '@kompetenta/storage';
import { openConfiguredDatabase } from '../../main';
import type { ConfiguredContext } from './serverCommands';

/**
 * Opens the configured database for one command and closes it afterwards; refuses a schema that
 * is behind the code, so a command never writes into half-migrated tables.
 */
export async function withMigratedDatabase<T>(
  ctx: ConfiguredContext,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(ctx.config());
  try {
    const pending = await database.pendingMigrations();
    if (pending.length > 0) {
      throw new AppError(
        'STORE_MIGRATIONS_PENDING',
        `The database needs migrations first (${pending.join(', ')}): run kompetenta migrate.`,
      );
    }
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * The organisation given by id or by name (case-insensitive), as staff type either. Throws
 * STORE_RECORD_NOT_FOUND naming the known organisations, so a typo is easy to fix.
 */
export async function findOrganisation(stores: Stores, idOrName: string): Promise<Organisation> {
  const all = await stores.organisations.list();
  const wanted = idOrName.trim().toLowerCase();
  const found =
    all.find((organisation) => organisation.id === idOrName.trim()) ??
    all.find((organisation) => organisation.name.toLowerCase() === wanted);
  if (found) return found;
  const known = all.map((organisation) => organisation.name).join(', ') || 'none yet';
  throw new AppError('STORE_RECORD_NOT_FOUND', `There is no organisation ${idOrName} (known: ${known}).`, {
    organisation: idOrName,
  });
}
