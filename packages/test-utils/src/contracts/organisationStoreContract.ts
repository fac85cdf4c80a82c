import type { Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

/** Behaviour every OrganisationStore implementation must have. */
export function organisationStoreContract(stores: () => Stores): void {
  describe('OrganisationStore', () => {
    it('creates, gets and lists organisations', async () => {
      const created = await stores().organisations.create({
        name: 'Kooperativet Lyftet',
        kind: 'kooperativ',
        municipalityCode: '0180',
      });
      expect(created.id).to.match(/^[0-9a-f-]{36}$/);
      const read = await stores().organisations.get(created.id);
      expect(read).to.deep.equal(created);
      const names = (await stores().organisations.list()).map((org) => org.name);
      expect(names).to.include('Kooperativet Lyftet');
    });

    it('defaults the kind to ovrig', async () => {
      const created = await stores().organisations.create({ name: 'Byalaget' });
      expect(created.kind).to.equal('ovrig');
      expect(created.municipalityCode).to.equal(null);
    });

    it('answers an unknown or malformed id with STORE_RECORD_NOT_FOUND', async () => {
      await expectAppError(
        stores().organisations.get('00000000-0000-0000-0000-000000000000'),
        'STORE_RECORD_NOT_FOUND',
      );
      await expectAppError(stores().organisations.get('not-a-uuid'), 'STORE_RECORD_NOT_FOUND');
    });

    it('rejects a kind outside the vocabulary and stores nothing', async () => {
      const before = (await stores().organisations.list()).length;
      await expectAppError(
        stores().organisations.create({ name: 'X', kind: 'bolag' as never }),
        'STORE_VALUE_INVALID',
      );
      expect((await stores().organisations.list()).length).to.equal(before);
    });
  });
}
