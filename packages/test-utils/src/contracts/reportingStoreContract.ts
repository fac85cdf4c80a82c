import type { Gender, ReportingStore, Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

interface Seeded {
  readonly umea: string;
  readonly stockholm: string;
}

/**
 * Seeds two organisations: in Umeå (2480) 6 women, 7 men, 1 "annat" and 2 without gender who
 * completed `handledare` (lesson l1 done by the women), one woman who did not finish, and 6 women +
 * 2 men at a network meeting in Umeå; in Stockholm (0180) 3 women who completed.
 */
async function seed(stores: Stores): Promise<Seeded> {
  const umea = await stores.organisations.create({ name: 'Umeå förening', municipalityCode: '2480' });
  const stockholm = await stores.organisations.create({ name: 'Sthlm koop', municipalityCode: '0180' });
  const version = await stores.courses.registerVersion({
    courseSlug: 'handledare',
    courseTitle: 'Handledarutbildning',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: 'sha256:report',
    outline: { title: 'H', masteryScore: 0.8, lessons: [{ id: 'l1', title: 'L1', minutes: 10 }] },
  });
  const meeting = await stores.events.create({
    type: 'natverkstraff',
    title: 'Nätverksträff Umeå',
    startsAt: new Date('2026-03-10T09:00:00Z'),
    hours: 6,
    place: 'Umeå',
    municipalityCode: '2480',
  });
  let n = 0;
  const person = async (
    organisationId: string,
    gender: Gender | null,
    completed: boolean,
    attends = false,
  ) => {
    const p = await stores.people.upsertByEmail({ organisationId, email: `p${n++}@example.se` });
    await stores.profiles.set(p.id, { gender, role: 'handledare' });
    const attempt = await stores.attempts.create({
      organisationId,
      personId: p.id,
      courseVersionId: version.id,
      scormVersion: '2004',
    });
    await stores.attempts.applyCommit({
      attemptId: attempt.id,
      organisationId,
      seq: 1,
      cmi:
        gender === 'kvinna'
          ? { 'cmi.objectives.0.id': 'l1', 'cmi.objectives.0.completion_status': 'completed' }
          : {},
      completionStatus: completed ? 'completed' : 'incomplete',
      successStatus: 'unknown',
      scoreScaled: null,
      totalTimeSeconds: 60,
    });
    if (attends)
      await stores.events.recordAttendance({ eventId: meeting.id, personId: p.id, source: 'roster' });
  };
  for (let i = 0; i < 6; i++) await person(umea.id, 'kvinna', true, true);
  for (let i = 0; i < 7; i++) await person(umea.id, 'man', true, i < 2);
  await person(umea.id, 'annat', true);
  for (let i = 0; i < 2; i++) await person(umea.id, null, true);
  await person(umea.id, 'kvinna', false);
  for (let i = 0; i < 3; i++) await person(stockholm.id, 'kvinna', true);
  return { umea: umea.id, stockholm: stockholm.id };
}

/** Behaviour every ReportingStore implementation must have, with known answers. */
export function reportingStoreContract(stores: () => Stores, reporting: () => ReportingStore): void {
  describe('ReportingStore', () => {
    let ids: Seeded;
    before(async () => {
      ids = await seed(stores());
    });

    it('counts distinct people who completed, per course and gender, unset gender as null', async () => {
      expect(await reporting().completionCounts('course')).to.deep.equal([
        { key: 'handledare', gender: 'annat', count: 1 },
        { key: 'handledare', gender: 'kvinna', count: 9 },
        { key: 'handledare', gender: 'man', count: 7 },
        { key: 'handledare', gender: null, count: 2 },
      ]);
    });

    it('groups by county and municipality from the organisation, and by lesson', async () => {
      const byCounty = await reporting().completionCounts('county');
      expect(byCounty.filter((row) => row.gender === 'kvinna')).to.deep.equal([
        { key: '01', gender: 'kvinna', count: 3 },
        { key: '24', gender: 'kvinna', count: 6 },
      ]);
      expect(await reporting().completionCounts('lesson', { organisationId: ids.umea })).to.deep.equal([
        { key: 'handledare / l1', gender: 'kvinna', count: 7 },
      ]);
    });

    it('counts attendance per event type and period', async () => {
      expect(await reporting().attendanceCounts('eventType')).to.deep.equal([
        { key: 'natverkstraff', gender: 'kvinna', count: 6 },
        { key: 'natverkstraff', gender: 'man', count: 2 },
      ]);
      expect(await reporting().attendanceCounts('month', { from: new Date('2026-04-01') })).to.deep.equal([]);
    });

    it('scopes attendance to the people of one organisation, narrowed by the event county', async () => {
      expect(await reporting().attendanceCounts('month', { organisationId: ids.umea })).to.deep.equal([
        { key: '2026-03', gender: 'kvinna', count: 6 },
        { key: '2026-03', gender: 'man', count: 2 },
      ]);
      expect(
        await reporting().attendanceCounts('eventType', { organisationId: ids.stockholm }),
      ).to.deep.equal([]);
      expect(
        await reporting().attendanceCounts('eventType', { organisationId: ids.umea, countyCode: '01' }),
      ).to.deep.equal([]);
      expect(
        await reporting().attendanceCounts('county', { organisationId: ids.umea, countyCode: '24' }),
      ).to.deep.equal([
        { key: '24', gender: 'kvinna', count: 6 },
        { key: '24', gender: 'man', count: 2 },
      ]);
    });

    it('never widens an organisation filter: other filters only narrow it', async () => {
      expect(
        await reporting().completionCounts('course', { organisationId: ids.umea, countyCode: '01' }),
      ).to.deep.equal([]);
      const stockholm = await reporting().completionCounts('organisation', { organisationId: ids.stockholm });
      expect(stockholm).to.deep.equal([{ key: 'Sthlm koop', gender: 'kvinna', count: 3 }]);
      await expectAppError(
        reporting().completionCounts('course', { organisationId: "x' OR 1=1 --" }),
        'REPORT_FILTER_INVALID',
      );
    });

    it('measures the targets', async () => {
      const measures = await reporting().targetMeasures();
      expect(measures.peopleTrained).to.equal(19);
      expect(measures.eventsByType).to.deep.equal({ natverkstraff: 1 });
      expect(measures.placesByType).to.deep.equal({ natverkstraff: 1 });
      expect(measures.halfYearsByType).to.deep.equal({ natverkstraff: ['2026-H1'] });
      const mentors = measures.activeByRole.handledare ?? [];
      expect(mentors.find((row) => row.gender === 'kvinna')?.count).to.equal(9);
    });

    it('streams pseudonymous participant records of one organisation only', async () => {
      const key = 'k'.repeat(32);
      const records = [];
      for await (const record of reporting().participantRecords({ organisationId: ids.stockholm }, key))
        records.push(record);
      expect(records).to.have.length(3);
      for (const record of records) {
        expect(record.participantId).to.match(/^[0-9a-f]{32}$/);
        expect(record.organisation).to.equal('Sthlm koop');
        expect(record.courses.map((c) => c.slug)).to.deep.equal(['handledare']);
      }
      const umea = [];
      for await (const record of reporting().participantRecords({ organisationId: ids.umea }, key))
        umea.push(record);
      expect(umea).to.have.length(17);
      expect(umea.filter((r) => r.events.length === 1).map((r) => r.events[0]!.hours)).to.deep.equal(
        Array(8).fill(6),
      );
      const again = [];
      for await (const record of reporting().participantRecords({ organisationId: ids.stockholm }, key))
        again.push(record.participantId);
      expect(again).to.deep.equal(records.map((r) => r.participantId));
    });

    it('refuses a per-participant export without a long enough key', async () => {
      const drain = async () => {
        for await (const record of reporting().participantRecords({}, 'short')) void record;
      };
      await expectAppError(drain(), 'REPORT_PSEUDONYM_KEY_MISSING');
    });
  });
}
