import type { Stores } from '@kompetenta/core';
import type { JWK } from 'jose';
import type { LtiRouterDeps } from '../LtiRouterOptions';
import type { ToolJwks, ToolKeys } from './toolKeys';

/**
 * The JWKS at `/lti/keys`: the tool key (id_token-facing: Deep Linking responses) and, for every
 * approved platform ltijs has a key pair for, the public key ltijs signs that platform's
 * client-credentials assertions with (AGS, NRPS). A platform registered with our one JWKS URL can
 * then verify both. Platforms ltijs has not met yet have no key to publish; ltijs creates one on
 * the first service call (`register`), before any assertion is signed with it.
 */
export async function publishedJwks(
  toolKeys: ToolKeys,
  stores: Stores,
  platformServices: LtiRouterDeps['platformServices'],
): Promise<ToolJwks> {
  const tool = await toolKeys.jwks();
  const publicJwk = platformServices?.registeredPublicJwk?.bind(platformServices);
  if (!publicJwk) return tool;
  const platforms = (await stores.tenants.listPlatforms()).filter(
    (platform) => platform.status === 'approved',
  );
  const ltijsKeys = await Promise.all(platforms.map((platform) => publicJwk(platform)));
  const seen = new Set(tool.keys.map((key) => key.kid));
  const extra: JWK[] = [];
  for (const key of ltijsKeys) {
    if (key === null || seen.has(key.kid)) continue;
    seen.add(key.kid);
    extra.push(key);
  }
  return { keys: [...tool.keys, ...extra] };
}
