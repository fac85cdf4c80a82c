import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * One remote JWKS per platform JWKS URL, kept for the life of the process. jose caches the keys
 * (`cacheMaxAge`) and fetches again when a token names a `kid` it has not seen, at most once per
 * `cooldownDuration`, so a platform's key rotation is picked up without a restart.
 */
export class PlatformKeySets {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly settings: { readonly cooldownMs: number; readonly cacheMaxAgeMs: number }) {}

  forUrl(jwksUrl: string): JWTVerifyGetKey {
    let set = this.sets.get(jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: this.settings.cooldownMs,
        cacheMaxAge: this.settings.cacheMaxAgeMs,
        timeoutDuration: 5000,
      });
      this.sets.set(jwksUrl, set);
    }
    return set;
  }
}
