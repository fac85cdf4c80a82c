import type { ReportFilter } from '@kompetenta/core';
import type { Knex } from 'knex';
import type { Db, Row } from './sql';

/**
 * The cache key of one aggregate query: what it counts and its whole filter, in a fixed order
 * (dates as ISO instants), so equal filters share an entry and different ones never do.
 */
export function reportCacheKey(query: string, filter: ReportFilter): string {
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, value instanceof Date ? value.toISOString() : String(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${query}?${parts.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/**
 * Returns the result of `compute` for `key`, from report_cache when it was computed at the current
 * data version. The version and the computation share one REPEATABLE READ snapshot, so a stored
 * result is exactly the data of its version; a write that commits meanwhile bumps the version (the
 * triggers of migration 009), and the result stored for the older version is never served. Inside
 * a caller's transaction (no snapshot of our own to pin) it simply computes.
 */
/** The current data version and the entry for `key` computed at it, if any: one statement, one snapshot. */
async function lookup(db: Db, key: string): Promise<{ version: string; result: unknown }> {
  const found = await db.raw<{ rows: Row[] }>(
    `SELECT v.version, c.result FROM report_data_version v
       LEFT JOIN report_cache c ON c.key = ? AND c.version = v.version`,
    [key],
  );
  const row = found.rows[0];
  if (!row) throw new Error('report_data_version has no row: run the migrations');
  return { version: String(row.version), result: row.result ?? null };
}

export async function cachedReport<T>(db: Db, key: string, compute: (db: Db) => Promise<T>): Promise<T> {
  if ((db as Knex).isTransaction) return compute(db);
  // A hit needs one round trip; only a miss pays for the transaction.
  const cached = await lookup(db, key);
  if (cached.result !== null) return cached.result as T;
  const outcome = await (db as Knex).transaction(
    async (trx) => {
      const { version, result } = await lookup(trx, key);
      if (result !== null) return { version, result: result as T, hit: true };
      return { version, result: await compute(trx), hit: false };
    },
    { isolationLevel: 'repeatable read' },
  );
  if (!outcome.hit) {
    // Newer wins: a result of an older version never replaces one of a newer version.
    await (db as Knex).raw(
      `INSERT INTO report_cache (key, version, result) VALUES (?, ?, ?::jsonb)
         ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, result = EXCLUDED.result, computed_at = now()
         WHERE report_cache.version < EXCLUDED.version`,
      [key, outcome.version, JSON.stringify(outcome.result)],
    );
    // Entries of older versions can never be served again.
    await (db as Knex).raw(`DELETE FROM report_cache WHERE version < ?`, [outcome.version]);
  }
  return outcome.result;
}
