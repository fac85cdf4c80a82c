import type { RateLimitStore } from '@kompetenta/core';
import { num, type Db, type Row } from './sql';

export class KnexRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Db) {}

  async hit(bucket: string, windowStart: Date): Promise<number> {
    // One upsert: concurrent hits from several instances each get their own count.
    const result: { rows: Row[] } = await this.db.raw(
      `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (?, ?, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
       RETURNING hits`,
      [bucket, windowStart],
    );
    return num(result.rows[0]!.hits);
  }

  async count(bucket: string, windowStart: Date): Promise<number> {
    const row = await this.db('rate_limit_hits')
      .where({ bucket, window_start: windowStart })
      .first<Row | undefined>('hits');
    return row ? num(row.hits) : 0;
  }

  async purgeBefore(before: Date): Promise<number> {
    // returning(): PGlite does not report a deleted-row count.
    const rows: Row[] = await this.db('rate_limit_hits')
      .where('window_start', '<', before)
      .delete()
      .returning('bucket');
    return rows.length;
  }
}
