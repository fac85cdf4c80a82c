/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any --
   ltijs ships no types: `any` stays inside this one module (house style §4). */
import { AppError, LTI_SCOPES, type Platform } from '@kompetenta/core';
import { exportJWK, importSPKI, type JWK } from 'jose';

/**
 * The ltijs Database plugin interface (Get/Insert/Replace/Modify/Delete/Encrypt/Decrypt/setup/
 * Close). @kompetenta/storage's `KnexLtijsDatabase` implements it on our knex handle; it is
 * described here so lti-server never imports storage.
 */
export interface LtijsDatabasePlugin {
  setup(): Promise<boolean>;
  Close(): Promise<boolean>;
  Get(
    key: string | false | undefined,
    collection: string,
    query?: Record<string, unknown>,
  ): Promise<Record<string, unknown>[] | false>;
  Insert(
    key: string | false | undefined,
    collection: string,
    item: Record<string, unknown>,
    index?: Record<string, unknown>,
  ): Promise<boolean>;
  Replace(
    key: string | false | undefined,
    collection: string,
    query: Record<string, unknown>,
    item: Record<string, unknown>,
    index?: Record<string, unknown>,
  ): Promise<boolean>;
  Modify(
    key: string | false | undefined,
    collection: string,
    query: Record<string, unknown>,
    modification: Record<string, unknown>,
  ): Promise<boolean>;
  Delete(collection: string, query: Record<string, unknown>): Promise<boolean>;
  Encrypt(data: string, secret?: string): Promise<{ iv: string; data: string }>;
  Decrypt(data: string, iv?: string, secret?: string): Promise<string>;
}

/** A member of a Names and Roles membership container (NRPS 2.0 §2.2). */
export interface RosterMember {
  readonly user_id: string;
  readonly status?: string;
  readonly name?: string;
  readonly email?: string;
  readonly roles: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS module; loading it also loads mongoose, which is never connected.
const { Provider } = require('ltijs') as { Provider: any };

/**
 * The one module that touches ltijs. What ltijs does well and we keep: the per-platform tool key
 * pair and the OAuth 2 client-credentials flow (signed client assertion, access-token caching)
 * that LTI Advantage services need — all stored through our knex plugin. ltijs's singleton
 * Provider is never `setup()` or `deploy()`ed (that would open MongoDB and its own server): only
 * its platform functions are called, with our plugin and key passed explicitly.
 */
export class LtijsPlatformServices {
  constructor(
    private readonly database: LtijsDatabasePlugin,
    /** ltijs asks for a key string to decide *that* it encrypts; our plugin encrypts with its own key. */
    private readonly encryptionKey = 'kompetenta-plugin-key',
  ) {}

  /** Registers the platform with ltijs (idempotent), creating its tool key pair on first use. */
  async register(platform: Platform): Promise<void> {
    await Provider.registerPlatform(
      {
        url: platform.issuer,
        clientId: platform.clientId,
        name: platform.name,
        authenticationEndpoint: platform.authUrl,
        accesstokenEndpoint: platform.tokenUrl,
        authConfig: { method: 'JWK_SET', key: platform.jwksUrl },
      },
      (url: string, clientId: string, key: string, database: LtijsDatabasePlugin) =>
        Provider.getPlatform(url, clientId, key, database),
      this.encryptionKey,
      this.database,
    );
  }

  /** The public key ltijs signs this platform's client assertions with, as a JWK with its kid. */
  async publicJwk(platform: Platform): Promise<JWK> {
    const found = await this.ltijsPlatform(platform);
    const key = await importSPKI(String(await found.platformPublicKey()), 'RS256', { extractable: true });
    return { ...(await exportJWK(key)), kid: String(await found.platformKid()), alg: 'RS256', use: 'sig' };
  }

  /** Like `publicJwk`, but null when ltijs holds no key pair for the platform yet (nothing to publish). */
  async registeredPublicJwk(platform: Platform): Promise<JWK | null> {
    const found = await Provider.getPlatform(
      platform.issuer,
      platform.clientId,
      this.encryptionKey,
      this.database,
    );
    if (!found) return null;
    const key = await importSPKI(String(await found.platformPublicKey()), 'RS256', { extractable: true });
    return { ...(await exportJWK(key)), kid: String(await found.platformKid()), alg: 'RS256', use: 'sig' };
  }

  /** An access token for `scopes`, from the platform's token endpoint (cached by ltijs in our database). */
  async accessToken(platform: Platform, scopes: readonly string[]): Promise<string> {
    const token = await (await this.ltijsPlatform(platform)).platformAccessToken(scopes.join(' '));
    if (typeof token?.access_token !== 'string')
      throw new AppError(
        'LTI_PLATFORM_SERVICE_FAILED',
        `The token endpoint of ${platform.issuer} gave no access token.`,
      );
    return token.access_token as string;
  }

  /**
   * Drops ltijs's cached token for `scopes` (its `accesstoken` document), so the next
   * `accessToken` asks the token endpoint again: for a service that answered 401 to it.
   */
  async forgetAccessToken(platform: Platform, scopes: readonly string[]): Promise<void> {
    await this.database.Delete('accesstoken', {
      platformUrl: platform.issuer,
      clientId: platform.clientId,
      scopes: scopes.join(' '),
    });
  }

  /** One page of the Names and Roles roster of a context, fetched with a client-credentials token. */
  async roster(platform: Platform, membershipsUrl: string): Promise<RosterMember[]> {
    const token = await this.accessToken(platform, [LTI_SCOPES.nrpsMembershipReadOnly]);
    const res = await fetch(membershipsUrl, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
      },
    });
    if (!res.ok)
      throw new AppError(
        'LTI_PLATFORM_SERVICE_FAILED',
        `The roster at ${membershipsUrl} answered ${res.status}.`,
      );
    const body = (await res.json()) as { members?: RosterMember[] };
    return body.members ?? [];
  }

  private async ltijsPlatform(platform: Platform): Promise<any> {
    const found = await Provider.getPlatform(
      platform.issuer,
      platform.clientId,
      this.encryptionKey,
      this.database,
    );
    if (!found)
      throw new AppError('LTI_PLATFORM_UNKNOWN', `${platform.issuer} is not registered with ltijs yet.`);
    return found;
  }
}
