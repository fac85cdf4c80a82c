import { generateApiTokenSecret, hashApiTokenSecret, isApiTokenSecret, type Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

/** Behaviour every ApiTokenStore implementation must have. */
export function apiTokenStoreContract(stores: () => Stores): void {
  describe('ApiTokenStore', () => {
    it('creates an organisation token and a programme token, and finds each by its secret hash only', async () => {
      const organisation = await stores().organisations.create({ name: 'Tokenföreningen' });
      const secret = generateApiTokenSecret();
      expect(isApiTokenSecret(secret)).to.equal(true);
      const hash = hashApiTokenSecret(secret);
      const created = await stores().apiTokens.create({
        name: 'Månadsrapport',
        organisationId: organisation.id,
        createdBy: 'cli',
        secretHash: hash,
      });
      expect(created).to.include({
        name: 'Månadsrapport',
        organisationId: organisation.id,
        createdBy: 'cli',
      });
      expect(created).to.include({ lastUsedAt: null, revokedAt: null });
      expect(created).not.to.have.property('secretHash');
      expect(await stores().apiTokens.findBySecretHash(hash)).to.deep.equal(created);
      expect(
        await stores().apiTokens.findBySecretHash(hashApiTokenSecret(generateApiTokenSecret())),
      ).to.equal(null);
      const programme = await stores().apiTokens.create({
        name: 'Programkansliet',
        organisationId: null,
        createdBy: 'cli',
        secretHash: hashApiTokenSecret(generateApiTokenSecret()),
      });
      expect(programme.organisationId).to.equal(null);
      const listed = (await stores().apiTokens.list()).map((token) => token.id);
      expect(listed).to.include.members([created.id, programme.id]);
      expect(await stores().apiTokens.get(programme.id)).to.deep.equal(programme);
    });

    it('refuses a reused hash, a malformed hash and an unknown organisation, storing nothing', async () => {
      const hash = hashApiTokenSecret(generateApiTokenSecret());
      await stores().apiTokens.create({
        name: 'A',
        organisationId: null,
        createdBy: 'cli',
        secretHash: hash,
      });
      const before = (await stores().apiTokens.list()).length;
      await expectAppError(
        stores().apiTokens.create({ name: 'B', organisationId: null, createdBy: 'cli', secretHash: hash }),
        'STORE_RECORD_CONFLICT',
      );
      await expectAppError(
        stores().apiTokens.create({
          name: 'C',
          organisationId: null,
          createdBy: 'cli',
          secretHash: 'kmp_plain',
        }),
        'STORE_VALUE_INVALID',
      );
      await expectAppError(
        stores().apiTokens.create({
          name: 'D',
          organisationId: '00000000-0000-0000-0000-000000000000',
          createdBy: 'cli',
          secretHash: hashApiTokenSecret(generateApiTokenSecret()),
        }),
        'STORE_VALUE_INVALID',
      );
      expect((await stores().apiTokens.list()).length).to.equal(before);
    });

    it('revokes once (a second revoke keeps the first time) and answers unknown ids with STORE_RECORD_NOT_FOUND', async () => {
      const token = await stores().apiTokens.create({
        name: 'Revoke me',
        organisationId: null,
        createdBy: 'cli',
        secretHash: hashApiTokenSecret(generateApiTokenSecret()),
      });
      const first = new Date('2026-05-01T10:00:00Z');
      expect((await stores().apiTokens.revoke(token.id, first)).revokedAt).to.deep.equal(first);
      const again = await stores().apiTokens.revoke(token.id, new Date('2026-06-01T10:00:00Z'));
      expect(again.revokedAt).to.deep.equal(first);
      await expectAppError(
        stores().apiTokens.revoke('00000000-0000-0000-0000-000000000000', first),
        'STORE_RECORD_NOT_FOUND',
      );
      await expectAppError(stores().apiTokens.revoke('not-an-id', first), 'STORE_RECORD_NOT_FOUND');
      await expectAppError(stores().apiTokens.get('not-an-id'), 'STORE_RECORD_NOT_FOUND');
    });

    it('records the last use and never moves it backwards', async () => {
      const token = await stores().apiTokens.create({
        name: 'Used',
        organisationId: null,
        createdBy: 'cli',
        secretHash: hashApiTokenSecret(generateApiTokenSecret()),
      });
      const later = new Date('2026-05-02T10:00:00Z');
      await stores().apiTokens.markUsed(token.id, later);
      await stores().apiTokens.markUsed(token.id, new Date('2026-05-01T10:00:00Z'));
      expect((await stores().apiTokens.get(token.id)).lastUsedAt).to.deep.equal(later);
    });

    it('rolls a token back with its transaction', async () => {
      const hash = hashApiTokenSecret(generateApiTokenSecret());
      await expectAppError(
        stores().transaction(async (trx) => {
          await trx.apiTokens.create({
            name: 'Rolled back',
            organisationId: null,
            createdBy: 'cli',
            secretHash: hash,
          });
          await trx.organisations.get('00000000-0000-0000-0000-000000000000');
        }),
        'STORE_RECORD_NOT_FOUND',
      );
      expect(await stores().apiTokens.findBySecretHash(hash)).to.equal(null);
    });
  });
}
