import type { Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

/** Behaviour every PersonStore and PersonProfileStore implementation must have. */
export function personStoreContract(stores: () => Stores): void {
  describe('PersonStore', () => {
    it('upserts an LTI person by (organisation, issuer, sub): same id, updated fields', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const key = { organisationId: org.id, ltiIssuer: 'https://lms.se', ltiSubject: 'sub-1' };
      const first = await stores().people.upsertByLti({
        ...key,
        name: 'Amira Haddad',
        email: 'amira@example.se',
        roles: ['Learner'],
      });
      const second = await stores().people.upsertByLti({
        ...key,
        name: 'Amira H.',
        roles: ['Learner', 'Mentor'],
      });
      expect(second.id).to.equal(first.id);
      expect(second.name).to.equal('Amira H.');
      expect(second.email, 'a launch without e-mail keeps the known one').to.equal('amira@example.se');
      expect(second.roles).to.deep.equal(['Learner', 'Mentor']);
    });

    it('keeps the same sub in two organisations apart', async () => {
      const orgA = await stores().organisations.create({ name: 'A' });
      const orgB = await stores().organisations.create({ name: 'B' });
      const inA = await stores().people.upsertByLti({
        organisationId: orgA.id,
        ltiIssuer: 'https://lms.se',
        ltiSubject: 'same',
      });
      const inB = await stores().people.upsertByLti({
        organisationId: orgB.id,
        ltiIssuer: 'https://lms.se',
        ltiSubject: 'same',
      });
      expect(inA.id).to.not.equal(inB.id);
      await expectAppError(stores().people.get(orgB.id, inA.id), 'STORE_RECORD_NOT_FOUND');
      expect((await stores().people.list(orgA.id)).map((person) => person.id)).to.deep.equal([inA.id]);
    });

    it('creates one person when the same first launch arrives twice at once', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const input = { organisationId: org.id, ltiIssuer: 'https://lms.se', ltiSubject: 'racing' };
      const [a, b] = await Promise.all([
        stores().people.upsertByLti(input),
        stores().people.upsertByLti(input),
      ]);
      expect(a.id).to.equal(b.id);
      expect(await stores().people.list(org.id)).to.have.length(1);
    });

    it('upserts a standalone person by e-mail, ignoring case', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const first = await stores().people.upsertByEmail({
        organisationId: org.id,
        email: 'Johan@Example.se',
        name: 'Johan',
      });
      const second = await stores().people.upsertByEmail({
        organisationId: org.id,
        email: 'johan@example.se',
      });
      expect(second.id).to.equal(first.id);
      expect(second.name).to.equal('Johan');
    });
  });

  describe('PersonProfileStore', () => {
    it('sets fields partially and keeps the others', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const person = await stores().people.upsertByEmail({ organisationId: org.id, email: 'p@example.se' });
      expect(await stores().profiles.get(person.id)).to.equal(null);
      const consentAt = new Date('2026-11-01T10:00:00Z');
      await stores().profiles.set(person.id, { role: 'handledare', gender: 'kvinna', consentAt });
      const updated = await stores().profiles.set(person.id, { municipalityCode: '2480' });
      expect(updated.role).to.equal('handledare');
      expect(updated.gender).to.equal('kvinna');
      expect(updated.municipalityCode).to.equal('2480');
      expect(updated.consentAt?.toISOString()).to.equal(consentAt.toISOString());
      expect(
        (await stores().profiles.set(person.id, { gender: null })).gender,
        'unset means not recorded',
      ).to.equal(null);
    });

    it('rejects a gender outside the vocabulary and keeps the stored one', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const person = await stores().people.upsertByEmail({ organisationId: org.id, email: 'q@example.se' });
      await stores().profiles.set(person.id, { gender: 'man' });
      await expectAppError(
        stores().profiles.set(person.id, { gender: 'okänd' as never }),
        'STORE_VALUE_INVALID',
      );
      expect((await stores().profiles.get(person.id))?.gender).to.equal('man');
    });

    it('answers a profile for an unknown person with STORE_RECORD_NOT_FOUND', async () => {
      await expectAppError(
        stores().profiles.set('00000000-0000-0000-0000-000000000000', { role: 'ovrig' }),
        'STORE_RECORD_NOT_FOUND',
      );
    });
  });
}
