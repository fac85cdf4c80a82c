import type { ToolKey, ToolKeyStore } from '@kompetenta/core';
import { date, str, type Db, type Row } from '../stores/sql';
import type { SecretBox } from './SecretBox';

function jsonObject(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('A stored JWK is not a JSON object.');
  return parsed as Record<string, unknown>;
}

/** The tool's key pair in `lti_tool_keys`; the private JWK is sealed with AES-256-GCM. */
export class KnexToolKeyStore implements ToolKeyStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async current(): Promise<ToolKey | null> {
    const row = (await this.db('lti_tool_keys').where({ slot: 'current' }).first()) as Row | undefined;
    return row ? this.toToolKey(row) : null;
  }

  async saveIfAbsent(candidate: ToolKey): Promise<ToolKey> {
    await this.db('lti_tool_keys')
      .insert({
        slot: 'current',
        kid: candidate.kid,
        public_jwk: JSON.stringify(candidate.publicJwk),
        private_jwk_sealed: this.box.seal(JSON.stringify(candidate.privateJwk)),
        created_at: candidate.createdAt,
      })
      .onConflict('slot')
      .ignore();
    const stored = await this.current();
    if (!stored) throw new Error('The tool key vanished right after it was stored.');
    return stored;
  }

  private toToolKey(row: Row): ToolKey {
    return {
      kid: str(row.kid),
      publicJwk: jsonObject(row.public_jwk),
      privateJwk: jsonObject(this.box.open(str(row.private_jwk_sealed))),
      createdAt: date(row.created_at),
    };
  }
}
