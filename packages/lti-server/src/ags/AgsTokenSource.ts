import type { Platform } from '@kompetenta/core';

/**
 * Client-credentials access tokens for a platform's services. `LtijsPlatformServices` is the one
 * implementation: ltijs signs the client assertion and caches the token in our database.
 */
export interface AgsTokenSource {
  /** Registers the platform with ltijs (idempotent), creating its key pair on first use. */
  register(platform: Platform): Promise<void>;
  /** A token for `scopes`: the cached one while it lasts, else a new one from the token endpoint. */
  accessToken(platform: Platform, scopes: readonly string[]): Promise<string>;
  /** Drops the cached token for `scopes`, so the next `accessToken` asks the platform again. */
  forgetAccessToken(platform: Platform, scopes: readonly string[]): Promise<void>;
}
