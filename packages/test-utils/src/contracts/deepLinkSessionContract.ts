import type { DeepLinkSession } from '@kompetenta/core';
import { createLtiStores, type Database } from '@kompetenta/storage';
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from './ltiStorageContract';

async function tenant(database: Database): Promise<Omit<DeepLinkSession, 'token' | 'expiresAt'>> {
  const organisation = await database.stores.organisations.create({
    name: 'Länkföreningen',
    kind: 'forening',
  });
  const platform = await database.stores.tenants.addPlatform({
    issuer: `https://lms-${randomUUID()}.example.se`,
    clientId: 'client',
    name: 'LMS',
    authUrl: 'https://lms.example.se/auth',
    tokenUrl: 'https://lms.example.se/token',
    jwksUrl: 'https://lms.example.se/jwks',
    status: 'approved',
  });
  await database.stores.tenants.addDeployment(platform.id, 'dep-1', organisation.id);
  return {
    platformId: platform.id,
    issuer: platform.issuer,
    clientId: platform.clientId,
    deploymentId: 'dep-1',
    organisationId: organisation.id,
    returnUrl: 'https://lms.example.se/deep-link-return',
    data: null,
    acceptMultiple: true,
  };
}

/** Behaviour of the Deep Linking picker sessions (single use, expiry) on every engine. */
export function deepLinkSessionContract(database: () => Database): void {
  const clock = new ManualClock();
  const sessions = () =>
    createLtiStores(database().knex, { encryptionKey: randomBytes(32), clock }).deepLinkSessions;
  const session = async (
    lifetimeSeconds: number,
    extra: Partial<DeepLinkSession> = {},
  ): Promise<DeepLinkSession> => ({
    ...(await tenant(database())),
    token: randomBytes(32).toString('base64url'),
    expiresAt: new Date(clock.now().getTime() + lifetimeSeconds * 1000),
    ...extra,
  });

  describe('DeepLinkSessionStore', () => {
    it('keeps every field and hands a session out once', async () => {
      const saved = await session(1800, { data: 'opaque-{"x":1}', acceptMultiple: false });
      await sessions().save(saved);
      expect(await sessions().consume(saved.token)).to.deep.equal(saved);
      expect(await sessions().consume(saved.token)).to.equal(null);
    });

    it('answers null for a token it never saw', async () => {
      expect(await sessions().consume(randomBytes(32).toString('base64url'))).to.equal(null);
    });

    it('treats an expired session as unknown, and purges only expired ones', async () => {
      const short = await session(60);
      const long = await session(3600);
      await sessions().save(short);
      await sessions().save(long);
      clock.advanceSeconds(61);
      const purged = await sessions().purgeExpired();
      expect(purged).to.be.at.least(1);
      expect(await sessions().consume(short.token)).to.equal(null);
      expect(await sessions().consume(long.token)).to.deep.equal(long);

      const expiring = await session(10);
      await sessions().save(expiring);
      clock.advanceSeconds(11);
      expect(await sessions().consume(expiring.token), 'expired but not yet purged').to.equal(null);
    });

    it('gives a session to exactly one of several concurrent consumers', async () => {
      const saved = await session(1800);
      await sessions().save(saved);
      const results = await Promise.all(Array.from({ length: 6 }, () => sessions().consume(saved.token)));
      expect(results.filter((result) => result !== null)).to.have.length(1);
    });
  });
}
