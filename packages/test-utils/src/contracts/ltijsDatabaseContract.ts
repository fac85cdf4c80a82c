import { createLtiStores, type Database } from '@kompetenta/storage';
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from './ltiStorageContract';

/**
 * The semantics ltijs expects of its Database plugin (as its MongoDB implementation has them),
 * checked on our knex plugin on every engine.
 */
export function ltijsDatabaseContract(database: () => Database): void {
  const key = randomBytes(32);
  const clock = new ManualClock();
  const plugin = () => createLtiStores(database().knex, { encryptionKey: key, clock }).ltijsDatabase;
  const url = () => `https://lms-${randomUUID()}.example.se`;

  describe('ltijs database plugin', () => {
    it('opens no connection of its own: setup and Close only answer true', async () => {
      expect(await plugin().setup()).to.equal(true);
      expect(await plugin().Close()).to.equal(true);
      // The knex handle still works: Close did not touch it.
      expect(await plugin().Get(false, 'platform', { platformUrl: url() })).to.equal(false);
    });

    it('Get returns false for no match, and every match with createdAt', async () => {
      const platformUrl = url();
      await plugin().Insert(false, 'platform', { platformUrl, clientId: 'a', platformName: 'A' });
      await plugin().Insert(false, 'platform', { platformUrl, clientId: 'b', platformName: 'B' });
      const all = await plugin().Get(false, 'platform', { platformUrl });
      expect(all && all.map((item) => item.clientId)).to.deep.equal(['a', 'b']);
      const one = await plugin().Get(false, 'platform', { platformUrl, clientId: 'b' });
      expect(one && one[0]?.platformName).to.equal('B');
      expect(one && one[0]?.createdAt).to.be.instanceOf(Date);
      expect(await plugin().Get(false, 'platform', { platformUrl, clientId: 'c' })).to.equal(false);
    });

    it('Replace inserts when nothing matches and replaces the match otherwise', async () => {
      const platformUrl = url();
      await plugin().Replace(
        false,
        'platformStatus',
        { id: platformUrl },
        { id: platformUrl, active: false },
      );
      await plugin().Replace(false, 'platformStatus', { id: platformUrl }, { id: platformUrl, active: true });
      expect(await plugin().Get(false, 'platformStatus', { id: platformUrl }))
        .to.have.length(1)
        .and.satisfy((items: { active: unknown }[]) => items[0]?.active === true);
    });

    it('Modify changes the given fields and keeps the others', async () => {
      const platformUrl = url();
      await plugin().Insert(false, 'platform', {
        platformUrl,
        clientId: 'a',
        platformName: 'Old',
        authEndpoint: 'https://auth',
      });
      await plugin().Modify(false, 'platform', { platformUrl, clientId: 'a' }, { platformName: 'New' });
      const [item] = (await plugin().Get(false, 'platform', { platformUrl })) || [];
      expect(item).to.include({ platformName: 'New', authEndpoint: 'https://auth' });
    });

    it('Delete removes every match and nothing else', async () => {
      const platformUrl = url();
      await plugin().Insert(false, 'platform', { platformUrl, clientId: 'a' });
      await plugin().Insert(false, 'platform', { platformUrl, clientId: 'b' });
      await plugin().Delete('platform', { platformUrl, clientId: 'a' });
      const left = await plugin().Get(false, 'platform', { platformUrl });
      expect(left && left.map((item) => item.clientId)).to.deep.equal(['b']);
    });

    it('keeps encrypted items sealed at rest, findable by their index, and decrypts them for ltijs', async () => {
      const kid = randomUUID();
      const secret = `-----BEGIN PRIVATE KEY-----${randomUUID()}`;
      await plugin().Insert('ltijs-key', 'privatekey', { key: secret }, { kid, platformUrl: 'x' });
      const raw = (await database()
        .knex('ltijs_documents')
        .where({ collection: 'privatekey' })
        .whereRaw('doc @> ?::jsonb', [JSON.stringify({ kid })])
        .first()) as { doc: unknown; sealed: string };
      expect(JSON.stringify(raw.doc)).not.to.contain(secret);
      expect(raw.sealed).not.to.contain(secret);
      const [item] = (await plugin().Get('ltijs-key', 'privatekey', { kid })) || [];
      expect(item?.key).to.equal(secret);
      expect(item?.createdAt).to.be.a('number');
      await plugin().Modify('ltijs-key', 'privatekey', { kid }, { key: 'rotated' });
      expect(((await plugin().Get('ltijs-key', 'privatekey', { kid })) || [])[0]?.key).to.equal('rotated');
    });

    it('expires nonces after 10 s, states after 10 min and access tokens after 1 h, and purges them', async () => {
      const nonce = randomUUID();
      const state = randomUUID();
      const platformUrl = url();
      await plugin().Insert(false, 'nonce', { nonce });
      await plugin().Insert(false, 'state', { state, query: {} });
      await plugin().Replace(
        'k',
        'accesstoken',
        { platformUrl },
        { token: 't' },
        { platformUrl, clientId: 'c', scopes: 's' },
      );
      clock.advanceSeconds(11);
      expect(await plugin().Get(false, 'nonce', { nonce })).to.equal(false);
      expect(await plugin().Get(false, 'state', { state })).to.have.length(1);
      clock.advanceSeconds(600);
      expect(await plugin().Get(false, 'state', { state })).to.equal(false);
      expect(await plugin().Get('k', 'accesstoken', { platformUrl })).to.have.length(1);
      clock.advanceSeconds(3600);
      expect(await plugin().Get('k', 'accesstoken', { platformUrl })).to.equal(false);
      expect(await plugin().purgeExpired()).to.be.greaterThanOrEqual(3);
      const left = await database()
        .knex('ltijs_documents')
        .whereIn('collection', ['nonce', 'state', 'accesstoken'])
        .count<{ count: string | number }[]>('* as count');
      expect(Number(left[0]?.count)).to.equal(0);
    });

    it('Encrypt and Decrypt round-trip with the configured key', async () => {
      const sealed = await plugin().Encrypt('hemligt', 'ignored');
      expect(await plugin().Decrypt(sealed.data, sealed.iv, 'ignored')).to.equal('hemligt');
    });
  });
}
