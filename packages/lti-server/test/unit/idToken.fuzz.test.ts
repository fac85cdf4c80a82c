import { isAppError, LTI_CLAIMS, LTI_MESSAGE_TYPES, LTI_ROLES, type Platform } from '@kompetenta/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { PlatformKeySets } from '../../src/launch/PlatformKeySets';
import { readLaunchClaims } from '../../src/launch/readLaunchClaims';
import { verifyIdToken, type IdTokenCheck } from '../../src/launch/verifyIdToken';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 250 };

const ISSUER = 'https://lms.example.se';
const CLIENT_ID = 'kompetenta-client';
const NOW = new Date('2026-11-28T01:00:00Z');
const platform: Platform = {
  id: 'p1',
  issuer: ISSUER,
  clientId: CLIENT_ID,
  name: 'LMS',
  authUrl: `${ISSUER}/auth`,
  tokenUrl: `${ISSUER}/token`,
  jwksUrl: `${ISSUER}/jwks`,
  status: 'approved',
  createdAt: NOW,
};
const check: IdTokenCheck = { clientId: CLIENT_ID, clockSkewSeconds: 60, maxTokenAgeSeconds: 600, now: NOW };

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')).toString('base64url');

/** Values with a trap for code that stringifies or inspects claims carelessly. */
const trickyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(
    JSON.parse('{"toString": 1, "valueOf": 2}') as unknown,
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
    'x'.repeat(100_000),
    [],
    {},
    null,
    -0,
    1e308,
  ),
);

const launchClaims = (): Record<string, unknown> => ({
  iss: ISSUER,
  aud: CLIENT_ID,
  sub: 'user-1',
  nonce: 'n-1',
  iat: Math.floor(NOW.getTime() / 1000) - 5,
  exp: Math.floor(NOW.getTime() / 1000) + 300,
  name: 'Sara Berg',
  email: 'sara@example.se',
  [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.resourceLink,
  [LTI_CLAIMS.version]: '1.3.0',
  [LTI_CLAIMS.deploymentId]: 'd1',
  [LTI_CLAIMS.targetLinkUri]: 'https://tool.example.se/lti/launch',
  [LTI_CLAIMS.resourceLink]: { id: 'rl-1' },
  [LTI_CLAIMS.roles]: [LTI_ROLES.contextLearner],
  [LTI_CLAIMS.custom]: { course: 'styrelse' },
});
const claimNames = Object.keys(launchClaims()).concat([
  'azp',
  'given_name',
  LTI_CLAIMS.context,
  LTI_CLAIMS.agsEndpoint,
]);

/** The outcome every input must have: a payload, or an AppError with an LTI_* code — nothing else. */
async function verifyAndRead(token: string, keySets: PlatformKeySets): Promise<string> {
  try {
    readLaunchClaims(await verifyIdToken(token, platform, keySets, check));
    return 'accepted';
  } catch (error) {
    expect(isAppError(error), `not an AppError: ${String(error)}`).to.equal(true);
    const { code } = error as { code: string };
    expect(code).to.match(/^LTI_/);
    return code;
  }
}

describe('id_token validation under fuzzing', () => {
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let keySets: PlatformKeySets;
  before(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwks: JWTVerifyGetKey = createLocalJWKSet({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }],
    });
    // Only the key lookup is replaced (no HTTP); verification is the real code path.
    keySets = { forUrl: () => jwks } as unknown as PlatformKeySets;
  });
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ kid: 'k1', ...header, alg: 'RS256' }).sign(privateKey);
  }

  it('accepts the unmutated launch (the fuzzing below starts from a token that passes)', async () => {
    expect(await verifyAndRead(await sign(launchClaims()), keySets)).to.equal('accepted');
  });

  it('rejects any string that is not a token of ours with an LTI_* code', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.base64String({ maxLength: 80 }),
      trickyValue.map(b64),
    );
    const token = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
      fc.array(segment, { maxLength: 7 }).map((parts) => parts.join('.')),
      fc.integer({ min: 200_000, max: 2_000_000 }).map((size) => `${'e'.repeat(size)}.e.e`),
    );
    await fc.assert(
      fc.asyncProperty(token, async (input) => {
        expect(await verifyAndRead(input, keySets)).to.not.equal('accepted');
      }),
      fuzz,
    );
  });

  it('rejects header games (alg none/HS256/objects, kid and typ tricks, unsigned copies) with an LTI_* code', async () => {
    const valid = await sign(launchClaims());
    const [, payload, signature] = valid.split('.');
    const header = fc.record(
      {
        alg: fc.oneof(
          fc.constantFrom('none', 'None', 'HS256', 'RS384', 'ES256', 'PS256', 'rs256', ''),
          trickyValue,
        ),
        kid: fc.oneof(fc.constantFrom('k1', '../../etc/passwd', '', 'k2'), trickyValue),
        typ: fc.oneof(fc.constantFrom('JWT', 'at+jwt'), trickyValue),
        jku: fc.constant('http://evil.example/jwks'),
        crit: fc.oneof(fc.constant(['exp']), trickyValue),
      },
      { requiredKeys: ['alg'] },
    );
    await fc.assert(
      fc.asyncProperty(header, fc.constantFrom('', signature!, 'AAAA'), async (games, sig) => {
        const token = `${b64(games)}.${payload}.${sig}`;
        expect(await verifyAndRead(token, keySets)).to.not.equal('accepted');
      }),
      fuzz,
    );
  });

  it('answers properly signed tokens with mutated claims with acceptance or an LTI_* code, never another throw', async () => {
    const mutation = fc.dictionary(fc.constantFrom(...claimNames), trickyValue, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(
        mutation,
        fc.dictionary(fc.string({ maxLength: 8 }), trickyValue, { maxKeys: 3 }),
        async (changes, extra) => {
          const claims = { ...launchClaims(), ...extra };
          for (const [name, value] of Object.entries(changes)) {
            Object.defineProperty(claims, name, {
              value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
          }
          let token: string;
          try {
            token = await sign(claims);
          } catch {
            return; // jose refuses to sign some values (e.g. a non-numeric exp): nothing to verify.
          }
          await verifyAndRead(token, keySets);
        },
      ),
      { ...fuzz, numRuns: 200 },
    );
  });

  it('answers every claim set to a trap value ({"toString": 1}, __proto__, 100 kB) with acceptance or an LTI_* code', async () => {
    const trap = fc.constantFrom(
      JSON.parse('{"toString": 1, "valueOf": 2}') as unknown,
      JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      'x'.repeat(100_000),
      [{ toString: 'x' }],
      null,
      1e308,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...claimNames), trap, async (name, value) => {
        const claims = launchClaims();
        Object.defineProperty(claims, name, { value, enumerable: true, configurable: true, writable: true });
        let token: string;
        try {
          token = await sign(claims);
        } catch {
          return; // jose refuses to sign some values (e.g. a non-numeric exp): nothing to verify.
        }
        await verifyAndRead(token, keySets);
      }),
      { ...fuzz, numRuns: 150 },
    );
  });

  it('rejects a token signed by another key, even with the platform kid', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT(launchClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(other.privateKey);
    expect(await verifyAndRead(token, keySets)).to.equal('LTI_TOKEN_INVALID');
  });
});
