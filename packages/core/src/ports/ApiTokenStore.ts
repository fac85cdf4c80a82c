import type { ApiToken, NewApiToken } from '../domain/ApiToken';

/** API tokens for the export endpoints. Tokens are revoked, never deleted (the audit log names them). */
export interface ApiTokenStore {
  /** Throws STORE_VALUE_INVALID for an unknown organisation, STORE_RECORD_CONFLICT for a reused hash. */
  create(input: NewApiToken): Promise<ApiToken>;
  /** Throws STORE_RECORD_NOT_FOUND. */
  get(id: string): Promise<ApiToken>;
  /** The token whose secret hashes to `secretHash`, revoked or not; null when there is none. */
  findBySecretHash(secretHash: string): Promise<ApiToken | null>;
  /** Every token, newest first. */
  list(): Promise<ApiToken[]>;
  /** Idempotent: a revoked token keeps its first revocation time. Throws STORE_RECORD_NOT_FOUND. */
  revoke(id: string, at: Date): Promise<ApiToken>;
  /** Records a use; never moves `lastUsedAt` backwards. */
  markUsed(id: string, at: Date): Promise<void>;
}
