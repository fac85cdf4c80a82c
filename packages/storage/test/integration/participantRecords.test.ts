import type { ParticipantRecord, ReportFilter } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { participantRecords, pseudonymousId } from '../../src/stores/participantRecords';

const KEY = 'p'.repeat(32);

async function collect(records: AsyncIterable<ParticipantRecord>): Promise<ParticipantRecord[]> {
  const all: ParticipantRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

describeEachEngine('participant records across pages', (database) => {
  let expected: Map<string, { organisation: string; events: number; courses: number }>;
  let umea: string;
  let starts: number[];

  before(async function () {
    this.timeout(60_000);
    const stores = database().stores;
    const a = await stores.organisations.create({ name: 'Sidor Umeå', municipalityCode: '2480' });
    const b = await stores.organisations.create({ name: 'Sidor Sthlm', municipalityCode: '0180' });
    umea = a.id;
    const version = await stores.courses.registerVersion({
      courseSlug: 'sidor',
      courseTitle: 'Sidor',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256:sidor',
      outline: { title: 'S', masteryScore: 80, lessons: [] },
    });
    const events = [];
    for (let e = 0; e < 3; e++)
      events.push(
        await stores.events.create({
          type: 'natverkstraff',
          title: `Träff ${e}`,
          startsAt: new Date(Date.UTC(2026, 2 - e, 10, 9)),
          hours: 1 + e,
          municipalityCode: '2480',
        }),
      );
    starts = events.map((event) => event.startsAt.getTime());
    expected = new Map();
    // Eleven people, alternating organisations; every third has nothing and is left out.
    for (let i = 0; i < 11; i++) {
      const organisation = i % 2 === 0 ? a : b;
      const person = await stores.people.upsertByEmail({
        organisationId: organisation.id,
        email: `sida${i}@example.se`,
      });
      if (i % 3 === 2) continue;
      for (const event of events.slice(0, 1 + (i % 3)))
        await stores.events.recordAttendance({ eventId: event.id, personId: person.id, source: 'roster' });
      if (i % 2 === 1)
        await stores.attempts.create({
          organisationId: organisation.id,
          personId: person.id,
          courseVersionId: version.id,
          scormVersion: '2004',
        });
      expected.set(pseudonymousId(person.id, KEY), {
        organisation: organisation.name,
        events: 1 + (i % 3),
        courses: i % 2,
      });
    }
  });

  for (const pageSize of [1, 2, 4, 1000]) {
    it(`yields every participant exactly once with pages of ${pageSize}, events in date order`, async () => {
      const all = await collect(participantRecords(database().knex, {}, KEY, pageSize));
      expect(all.map((r) => r.participantId).sort()).to.deep.equal([...expected.keys()].sort());
      for (const record of all) {
        const want = expected.get(record.participantId)!;
        expect(record.organisation).to.equal(want.organisation);
        expect(record.events).to.have.length(want.events);
        expect(record.courses).to.have.length(want.courses);
        const times = record.events.map((e) => e.startsAt.getTime());
        expect(times).to.deep.equal([...times].sort((x, y) => x - y));
        // The exact instants the events were created with (read as epoch milliseconds).
        for (const time of times) expect(starts).to.include(time);
      }
    });
  }

  it('keeps an organisation filter across pages: people of the other organisation never appear', async () => {
    const filter: ReportFilter = { organisationId: umea };
    const all = await collect(participantRecords(database().knex, filter, KEY, 2));
    const want = [...expected].filter(([, v]) => v.organisation === 'Sidor Umeå').map(([id]) => id);
    expect(all.map((r) => r.participantId).sort()).to.deep.equal(want.sort());
  });
});
