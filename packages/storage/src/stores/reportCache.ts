import type { ReportFilter } from '@kompetenta/core';
import type { Knex } from 'knex';
import { str, strOrNull, type Db, type Row } from './sql';

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
 * Brings an answer computed at data version `since` to the current data, given that every write
 * since was a logged delta (report_change_log: attendance inserted, attempts completed, profiles
 * changed, events or organisations created); null when it cannot (a count would go below 0,
 * which exact data cannot give), and the answer is then recounted.
 */
export type RefreshReport<T> = (db: Db, previous: T, since: string) => Promise<T | null>;

/** At most this many writes are applied as deltas; an answer further behind is recounted. */
const MAX_REFRESH_SPAN = 1000n;

interface Lookup {
  version: string;
  invalidatedAt: string;
  cachedVersion: string | null;
  result: unknown;
}

/** The current data version and the stored entry for `key`, if any: one statement, one snapshot. */
async function lookup(db: Db, key: string): Promise<Lookup> {
  const found = await db.raw<{ rows: Row[] }>(
    `SELECT v.version, v.invalidated_at, c.version AS cached_version, c.result FROM report_data_version v
       LEFT JOIN report_cache c ON c.key = ?`,
    [key],
  );
  const row = found.rows[0];
  if (!row) throw new Error('report_data_version has no row: run the migrations');
  return {
    version: str(row.version),
    invalidatedAt: str(row.invalidated_at),
    cachedVersion: strOrNull(row.cached_version),
    result: row.result ?? null,
  };
}

/** Whether every write between the entry's version and now was a logged delta. */
async function refreshable(db: Db, found: Lookup): Promise<boolean> {
  if (found.cachedVersion === null || found.result === null) return false;
  const since = BigInt(found.cachedVersion);
  const now = BigInt(found.version);
  if (since < BigInt(found.invalidatedAt) || since >= now || now - since > MAX_REFRESH_SPAN) return false;
  // A bump that logged nothing (any other writer of the version row) is not a delta.
  const logged = await db.raw<{ rows: Row[] }>(
    `SELECT count(DISTINCT version) AS n FROM report_change_log WHERE version > ? AND version <= ?`,
    [found.cachedVersion, found.version],
  );
  return BigInt(str(logged.rows[0]!.n)) === now - since;
}

/**
 * Returns the result of `compute` for `key` at the current data version: from report_cache when
 * it was computed at that version; else, when every write since the stored entry's version was a
 * logged delta (migration 010), the stored entry plus `refresh`'s count of what those writes add;
 * else recounted. The version, the entry and the computation share one REPEATABLE READ snapshot,
 * so a stored result is exactly the data of its version; a write that commits meanwhile bumps the
 * version (the triggers of migrations 009 and 010), and the result stored for the older version is
 * never served as current. Inside a caller's transaction (no snapshot of our own to pin) it simply
 * computes.
 */
export async function cachedReport<T>(
  db: Db,
  key: string,
  compute: (db: Db) => Promise<T>,
  refresh?: RefreshReport<T>,
): Promise<T> {
  if ((db as Knex).isTransaction) return compute(db);
  // A hit needs one round trip; only a miss pays for the transaction.
  const cached = await lookup(db, key);
  if (cached.result !== null && cached.cachedVersion === cached.version) return cached.result as T;
  const outcome = await (db as Knex).transaction(
    async (trx) => {
      const found = await lookup(trx, key);
      if (found.result !== null && found.cachedVersion === found.version)
        return { version: found.version, result: found.result as T, hit: true };
      let result: T | null = null;
      if (refresh && (await refreshable(trx, found)))
        result = await refresh(trx, found.result as T, found.cachedVersion!);
      return { version: found.version, result: result ?? (await compute(trx)), hit: false };
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
    // Entries that can never be served or refreshed again, and log rows no entry needs any more
    // (an entry older than the oldest kept row is recounted, see refreshable).
    await (db as Knex).raw(
      `DELETE FROM report_cache c USING report_data_version v
        WHERE c.version < v.invalidated_at OR c.version < v.version - ${MAX_REFRESH_SPAN}`,
    );
    await (db as Knex).raw(
      `DELETE FROM report_change_log WHERE version <= (SELECT greatest(v.invalidated_at,
          (SELECT coalesce(min(c.version), v.version) FROM report_cache c)) FROM report_data_version v)`,
    );
  }
  return outcome.result;
}
