import { generateOpaqueToken, hashOpaqueToken, type Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-01T09:00:00Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

async function personIn(stores: Stores, email: string, name = 'Amina Yusuf') {
  const organisation = await stores.organisations.create({ name: `Föreningen ${generateOpaqueToken()}` });
  const person = await stores.people.upsertByEmail({ organisationId: organisation.id, email, name });
  return { organisation, person };
}

/** Behaviour of the standalone-learner ports: sessions, sign-in links, access, invitations, opt-outs, rate limits. */
export function standaloneStoresContract(stores: () => Stores): void {
  describe('WebSessionStore', () => {
    it('finds an active session by its hash only, with the person name; slides and ends it', async () => {
      const { organisation, person } = await personIn(stores(), 'amina@example.se');
      const idHash = hashOpaqueToken(generateOpaqueToken());
      const created = await stores().webSessions.create({
        idHash,
        personId: person.id,
        organisationId: organisation.id,
        access: 'learner',
        createdAt: t0,
        expiresAt: at(HOUR),
      });
      expect(created).to.include({ personId: person.id, access: 'learner', personName: 'Amina Yusuf' });
      expect(created.lastSeenAt.getTime()).to.equal(t0.getTime());
      expect(await stores().webSessions.findActive(hashOpaqueToken(generateOpaqueToken()), t0)).to.equal(
        null,
      );
      expect(await stores().webSessions.findActive('not-a-hash', t0)).to.equal(null);
      // Expired at exactly its expiry time.
      expect(await stores().webSessions.findActive(idHash, at(HOUR))).to.equal(null);
      await stores().webSessions.touch(idHash, at(30 * 60_000), at(2 * HOUR));
      const slid = await stores().webSessions.findActive(idHash, at(HOUR));
      expect(slid?.expiresAt.getTime()).to.equal(at(2 * HOUR).getTime());
      expect(slid?.lastSeenAt.getTime()).to.equal(at(30 * 60_000).getTime());
      // Never backwards.
      await stores().webSessions.touch(idHash, at(10), at(HOUR / 2));
      expect((await stores().webSessions.findActive(idHash, at(HOUR)))?.expiresAt.getTime()).to.equal(
        at(2 * HOUR).getTime(),
      );
      await stores().webSessions.end(idHash);
      await stores().webSessions.end(idHash);
      expect(await stores().webSessions.findActive(idHash, t0)).to.equal(null);
    });

    it('refuses a reused hash and an unknown person; ends all of a person and purges expired ones', async () => {
      const { organisation, person } = await personIn(stores(), 'bo@example.se', 'Bo Lind');
      const base = {
        personId: person.id,
        organisationId: organisation.id,
        access: 'org_admin' as const,
        createdAt: t0,
      };
      const hashes = [1, 2, 3].map(() => hashOpaqueToken(generateOpaqueToken()));
      await stores().webSessions.create({ ...base, idHash: hashes[0]!, expiresAt: at(HOUR) });
      await stores().webSessions.create({ ...base, idHash: hashes[1]!, expiresAt: at(3 * HOUR) });
      await expectAppError(
        stores().webSessions.create({ ...base, idHash: hashes[0]!, expiresAt: at(HOUR) }),
        'STORE_RECORD_CONFLICT',
      );
      await expectAppError(
        stores().webSessions.create({
          ...base,
          personId: '00000000-0000-0000-0000-000000000000',
          idHash: hashes[2]!,
          expiresAt: at(HOUR),
        }),
        'STORE_VALUE_INVALID',
      );
      expect(await stores().webSessions.purgeExpired(at(2 * HOUR))).to.be.at.least(1);
      expect(await stores().webSessions.findActive(hashes[1]!, at(2 * HOUR))).not.to.equal(null);
      expect(await stores().webSessions.endForPerson(person.id)).to.equal(1);
      expect(await stores().webSessions.findActive(hashes[1]!, t0)).to.equal(null);
    });
  });

  describe('SignInLinkStore', () => {
    it('consumes a link once, never after expiry, and exactly once under concurrency', async () => {
      const { organisation, person } = await personIn(stores(), 'cecilia@example.se', 'Cecilia Ek');
      const make = async (expiresAt: Date) => {
        const token = generateOpaqueToken();
        await stores().signInLinks.create({
          tokenHash: hashOpaqueToken(token),
          personId: person.id,
          organisationId: organisation.id,
          purpose: 'invitation',
          access: 'learner',
          createdAt: t0,
          expiresAt,
        });
        return hashOpaqueToken(token);
      };
      const first = await make(at(HOUR));
      expect((await stores().signInLinks.find(first))?.usedAt).to.equal(null);
      const used = await stores().signInLinks.consume(first, at(10));
      expect(used).to.include({ personId: person.id, purpose: 'invitation', access: 'learner' });
      expect(await stores().signInLinks.consume(first, at(20))).to.equal(null);
      expect((await stores().signInLinks.find(first))?.usedAt?.getTime()).to.equal(at(10).getTime());

      const expired = await make(at(HOUR));
      expect(await stores().signInLinks.consume(expired, at(HOUR))).to.equal(null);
      expect((await stores().signInLinks.find(expired))?.usedAt).to.equal(null);

      const raced = await make(at(HOUR));
      const results = await Promise.all(
        Array.from({ length: 8 }, () => stores().signInLinks.consume(raced, at(5))),
      );
      expect(results.filter((result) => result !== null)).to.have.length(1);
      expect(await stores().signInLinks.consume('nope', t0)).to.equal(null);
      expect(await stores().signInLinks.find(hashOpaqueToken(generateOpaqueToken()))).to.equal(null);
    });

    it('refuses a reused token hash and an unknown purpose', async () => {
      const { organisation, person } = await personIn(stores(), 'david@example.se', 'David Holm');
      const input = {
        tokenHash: hashOpaqueToken(generateOpaqueToken()),
        personId: person.id,
        organisationId: organisation.id,
        purpose: 'request' as const,
        access: 'learner' as const,
        createdAt: t0,
        expiresAt: at(HOUR),
      };
      await stores().signInLinks.create(input);
      await expectAppError(stores().signInLinks.create(input), 'STORE_RECORD_CONFLICT');
      await expectAppError(
        stores().signInLinks.create({
          ...input,
          tokenHash: hashOpaqueToken(generateOpaqueToken()),
          purpose: 'magic' as 'request',
        }),
        'STORE_VALUE_INVALID',
      );
    });
  });

  describe('AccessStore, InvitationStore, MailPreferenceStore', () => {
    it('has one programme organisation, grants access idempotently and ranks it', async () => {
      const [one, two] = await Promise.all([
        stores().access.programmeOrganisation(),
        stores().access.programmeOrganisation(),
      ]);
      expect(one.id).to.equal(two.id);
      const { organisation, person } = await personIn(stores(), 'eva@example.se', 'Eva Berg');
      expect(await stores().access.accessOf(person.id)).to.equal('learner');
      await stores().access.grant(person.id, 'org_admin');
      await stores().access.grant(person.id, 'org_admin');
      expect(await stores().access.accessOf(person.id)).to.equal('org_admin');
      expect(
        (await stores().access.listGranted(organisation.id, 'org_admin')).map((p) => p.id),
      ).to.deep.equal([person.id]);
      await stores().access.grant(person.id, 'programme_staff');
      expect(await stores().access.accessOf(person.id)).to.equal('programme_staff');
    });

    it('finds standalone people by e-mail in any organisation, case-insensitively', async () => {
      const email = `${generateOpaqueToken().slice(0, 8).toLowerCase()}@example.se`;
      const a = await personIn(stores(), email);
      const b = await personIn(stores(), email.toUpperCase());
      const found = (await stores().access.findPeopleByEmail(` ${email.toUpperCase()} `)).map((p) => p.id);
      expect(found).to.have.members([a.person.id, b.person.id]);
      expect(await stores().access.findPeopleByEmail('nobody@example.se')).to.deep.equal([]);
    });

    it('records an invitation once and lists them; keeps the first opt-out', async () => {
      const { organisation, person } = await personIn(stores(), 'filip@example.se', 'Filip Ali');
      const first = await stores().invitations.record({
        personId: person.id,
        organisationId: organisation.id,
        invitedBy: null,
        invitedAt: t0,
      });
      expect(first.created).to.equal(true);
      const again = await stores().invitations.record({
        personId: person.id,
        organisationId: organisation.id,
        invitedBy: null,
        invitedAt: at(HOUR),
      });
      expect(again).to.deep.equal({ invitation: first.invitation, created: false });
      expect(await stores().invitations.list(organisation.id)).to.deep.equal([first.invitation]);
      expect(await stores().mailPreferences.isOptedOut(person.id)).to.equal(false);
      await stores().mailPreferences.optOut(person.id, t0);
      await stores().mailPreferences.optOut(person.id, at(HOUR));
      expect(await stores().mailPreferences.isOptedOut(person.id)).to.equal(true);
    });
  });

  describe('RateLimitStore', () => {
    it('counts concurrent hits per bucket and window without losing any, and purges old windows', async () => {
      const bucket = `signin:test:${generateOpaqueToken()}`;
      const counts = await Promise.all(Array.from({ length: 12 }, () => stores().rateLimits.hit(bucket, t0)));
      expect([...counts].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await stores().rateLimits.count(bucket, t0), 'counting does not hit').to.equal(12);
      expect(await stores().rateLimits.count(bucket, t0)).to.equal(12);
      expect(await stores().rateLimits.count(bucket, at(HOUR)), 'a window never hit').to.equal(0);
      expect(await stores().rateLimits.hit(bucket, at(HOUR))).to.equal(1);
      expect(await stores().rateLimits.purgeBefore(at(1))).to.be.at.least(1);
      expect(await stores().rateLimits.hit(bucket, t0)).to.equal(1);
    });
  });
}
