import type { ToolKey, ToolKeyStore } from '@kompetenta/core';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The tool's public key set (RFC 7517), as served at /lti/keys. */
export interface ToolJwks {
  readonly keys: readonly JWK[];
}

async function generateToolKey(now: Date): Promise<ToolKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    createdAt: now,
  };
}

/**
 * The tool's key pair, generated on first use and stored (private half encrypted) so every app
 * instance and every restart signs with the same key the platforms have fetched.
 */
export class ToolKeys {
  private current: Promise<ToolKey> | undefined;

  constructor(
    private readonly store: ToolKeyStore,
    private readonly now: () => Date,
  ) {}

  key(): Promise<ToolKey> {
    this.current ??= this.load().catch((error: unknown) => {
      this.current = undefined; // a database hiccup must not stick
      throw error;
    });
    return this.current;
  }

  async jwks(): Promise<ToolJwks> {
    return { keys: [(await this.key()).publicJwk] };
  }

  private async load(): Promise<ToolKey> {
    return (await this.store.current()) ?? this.store.saveIfAbsent(await generateToolKey(this.now()));
  }
}
