import type { Clock, LtiLoginState, ToolKey } from '@kompetenta/core';
import { createLtiStores, type Database } from '@kompetenta/storage';
import { SecretBox } from '@kompetenta/storage/internal';
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { expectAppError } from './expectAppError';

/** A clock the test moves by hand, so expiry is tested without waiting. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.parse('2026-03-01T09:00:00Z')) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

async function approvedPlatformId(database: Database): Promise<string> {
  const platform = await database.stores.tenants.addPlatform({
    issuer: `https://lms-${randomUUID()}.example.se`,
    clientId: 'client',
    name: 'LMS',
    authUrl: 'https://lms.example.se/auth',
    tokenUrl: 'https://lms.example.se/token',
    jwksUrl: 'https://lms.example.se/jwks',
    status: 'approved',
  });
  return platform.id;
}

function loginState(platformId: string, expiresAt: Date): LtiLoginState {
  return {
    state: randomBytes(16).toString('hex'),
    nonce: randomBytes(16).toString('hex'),
    browserBindingHash: 'a'.repeat(64),
    platformId,
    issuer: 'https://lms.example.se',
    clientId: 'client',
    deploymentId: null,
    targetLinkUri: 'https://tool.example.se/lti/launch',
    expiresAt,
  };
}

/** Behaviour of the LTI stores (login states, tool key) on every engine. */
export function ltiStoresContract(database: () => Database): void {
  const key = randomBytes(32);
  const clock = new ManualClock();
  const lti = () => createLtiStores(database().knex, { encryptionKey: key, clock });

  describe('LtiLoginStateStore', () => {
    it('hands a state out once: the second consume finds nothing', async () => {
      const saved = loginState(
        await approvedPlatformId(database()),
        new Date(clock.now().getTime() + 600_000),
      );
      await lti().loginStates.save(saved);
      expect(await lti().loginStates.consume(saved.state)).to.deep.equal(saved);
      expect(await lti().loginStates.consume(saved.state)).to.equal(null);
    });

    it('treats an expired state as unknown and purges it', async () => {
      const saved = loginState(
        await approvedPlatformId(database()),
        new Date(clock.now().getTime() + 60_000),
      );
      const kept = loginState(
        await approvedPlatformId(database()),
        new Date(clock.now().getTime() + 3_600_000),
      );
      await lti().loginStates.save(saved);
      await lti().loginStates.save(kept);
      clock.advanceSeconds(61);
      expect(await lti().loginStates.purgeExpired()).to.be.greaterThanOrEqual(1);
      expect(await lti().loginStates.consume(saved.state)).to.equal(null);
      expect((await lti().loginStates.consume(kept.state))?.nonce).to.equal(kept.nonce);
    });

    it('returns null for a state it never issued', async () => {
      expect(await lti().loginStates.consume('never-issued')).to.equal(null);
    });
  });

  describe('ToolKeyStore', () => {
    const candidate = (kid: string): ToolKey => ({
      kid,
      publicJwk: { kty: 'RSA', kid, n: 'public-n', e: 'AQAB' },
      privateJwk: { kty: 'RSA', kid, n: 'public-n', e: 'AQAB', d: `secret-d-${kid}` },
      createdAt: clock.now(),
    });

    it('keeps the first key: a later candidate never replaces it', async () => {
      const before = await lti().toolKeys.current();
      const first = await lti().toolKeys.saveIfAbsent(candidate(`k-${randomUUID()}`));
      if (before) expect(first.kid).to.equal(before.kid);
      const second = await lti().toolKeys.saveIfAbsent(candidate(`k-${randomUUID()}`));
      expect(second.kid).to.equal(first.kid);
      expect(second.privateJwk).to.deep.equal(first.privateJwk);
      expect((await lti().toolKeys.current())?.kid).to.equal(first.kid);
    });

    it('stores the private key encrypted, and cannot open it with another key', async () => {
      const stored = await lti().toolKeys.saveIfAbsent(candidate(`k-${randomUUID()}`));
      const row = (await database().knex('lti_tool_keys').first()) as { private_jwk_sealed: string };
      expect(row.private_jwk_sealed).not.to.contain(String(stored.privateJwk.d));
      const other = createLtiStores(database().knex, { encryptionKey: randomBytes(32), clock });
      await expectAppError(other.toolKeys.current(), 'LTI_ENCRYPTION_KEY_INVALID');
    });
  });

  describe('SecretBox', () => {
    it('refuses a key that is not 32 bytes', () => {
      expect(() => new SecretBox(randomBytes(16))).to.throw(/32 bytes/);
    });

    it('detects a tampered ciphertext', () => {
      const box = new SecretBox(key);
      const sealed = box.seal('private');
      const parts = sealed.split('.');
      const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64url')].join('.');
      expect(box.open(sealed)).to.equal('private');
      expect(() => box.open(tampered)).to.throw(/cannot be opened/);
    });
  });
}
