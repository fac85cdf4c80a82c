import type { ApiToken, ApiTokenStore, NewApiToken } from '@kompetenta/core';
import { date, dateOrNull, guarded, isUuid, notFound, str, strOrNull, type Db, type Row } from './sql';

function toToken(row: Row): ApiToken {
  return {
    id: str(row.id),
    name: str(row.name),
    organisationId: strOrNull(row.organisation_id),
    createdBy: str(row.created_by),
    createdAt: date(row.created_at),
    lastUsedAt: dateOrNull(row.last_used_at),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

/** The secret hash is written once and never read back out of this class. */
export class KnexApiTokenStore implements ApiTokenStore {
  constructor(private readonly db: Db) {}

  async create(input: NewApiToken): Promise<ApiToken> {
    const [row] = (await guarded('The API token', () =>
      this.db('api_tokens')
        .insert({
          name: input.name,
          organisation_id: input.organisationId,
          created_by: input.createdBy,
          secret_hash: input.secretHash,
        })
        .returning('*'),
    )) as Row[];
    return toToken(row!);
  }

  async get(id: string): Promise<ApiToken> {
    const row = isUuid(id)
      ? ((await this.db('api_tokens').where({ id }).first()) as Row | undefined)
      : undefined;
    if (!row) throw notFound('API token', id);
    return toToken(row);
  }

  async findBySecretHash(secretHash: string): Promise<ApiToken | null> {
    const row = (await this.db('api_tokens').where({ secret_hash: secretHash }).first()) as Row | undefined;
    return row ? toToken(row) : null;
  }

  async list(): Promise<ApiToken[]> {
    const rows = (await this.db('api_tokens').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ])) as Row[];
    return rows.map(toToken);
  }

  async revoke(id: string, at: Date): Promise<ApiToken> {
    if (!isUuid(id)) throw notFound('API token', id);
    const [row] = (await this.db('api_tokens')
      .where({ id })
      .update({ revoked_at: this.db.raw('coalesce(revoked_at, ?)', [at]) })
      .returning('*')) as Row[];
    if (!row) throw notFound('API token', id);
    return toToken(row);
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.db('api_tokens')
      .where({ id })
      .andWhereRaw('(last_used_at IS NULL OR last_used_at < ?)', [at])
      .update({ last_used_at: at });
  }
}
