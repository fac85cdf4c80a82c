import type { GenderCount, ReportFilter, Stores, TargetMeasures } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { KnexPersonErasure } from '../../src/erasure/KnexPersonErasure';
import { KnexReportingStore } from '../../src/stores/KnexReportingStore';
import { reportCacheKey } from '../../src/stores/reportCache';

/** Everything the dashboard asks for, as one comparable value. */
async function dashboardAnswers(
  reporting: KnexReportingStore,
  filters: readonly ReportFilter[],
): Promise<(GenderCount[] | TargetMeasures)[]> {
  const answers: (GenderCount[] | TargetMeasures)[] = [];
  for (const filter of filters) {
    for (const dimension of ['course', 'month', 'county', 'organisation', 'role'] as const)
      answers.push(await reporting.completionCounts(dimension, filter));
    for (const dimension of ['month', 'eventType', 'county', 'place'] as const)
      answers.push(await reporting.attendanceCounts(dimension, filter));
    answers.push(await reporting.targetMeasures(filter));
  }
  return answers;
}

async function dataVersion(knex: Knex): Promise<number> {
  const row = await knex('report_data_version').first<{ version: string | number }>('version');
  return Number(row.version);
}

async function seed(stores: Stores) {
  const umea = await stores.organisations.create({ name: 'Umeå cache', municipalityCode: '2480' });
  const stockholm = await stores.organisations.create({ name: 'Sthlm cache', municipalityCode: '0180' });
  const version = await stores.courses.registerVersion({
    courseSlug: 'cache-kurs',
    courseTitle: 'Kurs',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: 'sha256:cache',
    outline: { title: 'K', masteryScore: 80, lessons: [{ id: 'l1', title: 'L1', minutes: 10 }] },
  });
  const meeting = await stores.events.create({
    type: 'natverkstraff',
    title: 'Träff',
    startsAt: new Date('2026-03-10T09:00:00Z'),
    hours: 3,
    place: 'Umeå',
    municipalityCode: '2480',
  });
  const training = await stores.events.create({
    type: 'utbildningstillfalle',
    title: 'Utbildning',
    startsAt: new Date('2026-05-04T09:00:00Z'),
    hours: 6,
    place: 'Stockholm',
    municipalityCode: '0180',
  });
  const people = [];
  for (let i = 0; i < 12; i++) {
    const organisationId = i % 3 === 0 ? stockholm.id : umea.id;
    const person = await stores.people.upsertByEmail({ organisationId, email: `cache${i}@example.se` });
    await stores.profiles.set(person.id, {
      gender: (['kvinna', 'man', 'annat', null] as const)[i % 4]!,
      role: i % 2 === 0 ? 'handledare' : 'anstalld',
    });
    const attempt = await stores.attempts.create({
      organisationId,
      personId: person.id,
      courseVersionId: version.id,
      scormVersion: '2004',
    });
    if (i % 2 === 0)
      await stores.attempts.applyCommit({
        attemptId: attempt.id,
        organisationId,
        seq: 1,
        cmi: {},
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 1,
        totalTimeSeconds: 60,
      });
    if (i < 8)
      await stores.events.recordAttendance({ eventId: meeting.id, personId: person.id, source: 'roster' });
    people.push({ person, attempt, organisationId });
  }
  return { umea, stockholm, meeting, training, people };
}

describe('reportCacheKey', () => {
  it('gives equal filters one key whatever their order, and different filters different keys', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(reportCacheKey('attendance/month', { eventType: 'natverkstraff', from })).to.equal(
      reportCacheKey('attendance/month', { from, eventType: 'natverkstraff' }),
    );
    const keys = [
      reportCacheKey('attendance/month', {}),
      reportCacheKey('attendance/eventType', {}),
      reportCacheKey('attendance/month', { from }),
      reportCacheKey('attendance/month', { to: from }),
      reportCacheKey('attendance/month', { countyCode: '24' }),
      reportCacheKey('attendance/month', { organisationId: '24' }),
      reportCacheKey('attendance/month', { courseSlug: 'a&countyCode=24' }),
      reportCacheKey('attendance/month', { courseSlug: 'a', countyCode: '24' }),
    ];
    expect(new Set(keys).size).to.equal(keys.length);
  });
});

describeEachEngine('report cache: exactly the raw counts after every kind of write', (database) => {
  let seeded: Awaited<ReturnType<typeof seed>>;
  let filters: ReportFilter[];
  const cached = () => new KnexReportingStore(database().knex);
  const raw = () => new KnexReportingStore(database().knex, { cache: false });

  /** The cached answers equal a recount from the raw rows, also when asked twice (served from the cache). */
  async function expectConsistent() {
    const fresh = await dashboardAnswers(raw(), filters);
    expect(await dashboardAnswers(cached(), filters)).to.deep.equal(fresh);
    expect(await dashboardAnswers(cached(), filters)).to.deep.equal(fresh);
    return fresh;
  }

  before(async function () {
    this.timeout(120_000);
    seeded = await seed(database().stores);
    filters = [
      {},
      { organisationId: seeded.umea.id },
      { eventType: 'natverkstraff' },
      { from: new Date('2026-04-01'), to: new Date('2026-12-31') },
      { countyCode: '24' },
    ];
  });

  it('serves a cached answer while the data version holds, and never one of an older version', async () => {
    const knex = database().knex;
    await expectConsistent();
    const version = await dataVersion(knex);
    const key = reportCacheKey('attendance/eventType', {});
    const stored = await knex('report_cache').where({ key }).first<{ version: string }>('version');
    expect(Number(stored.version)).to.equal(version);
    // A planted answer at the current version is served: the cache is really read ...
    const planted = [{ key: 'planted', gender: 'kvinna', count: 99 }];
    await knex('report_cache')
      .where({ key })
      .update({ result: JSON.stringify(planted) });
    expect(await cached().attendanceCounts('eventType')).to.deep.equal(planted);
    // ... and any write the counts depend on makes it unservable, in the same transaction.
    await database().stores.events.recordAttendance({
      eventId: seeded.training.id,
      personId: seeded.people[0]!.person.id,
      source: 'checkin',
    });
    expect(await dataVersion(knex)).to.be.greaterThan(version);
    expect(await cached().attendanceCounts('eventType')).to.deep.equal(
      await raw().attendanceCounts('eventType'),
    );
  });

  it('stays exact after attendance, completion, a gender change, a move, re-import and erasure', async function () {
    this.timeout(120_000);
    const stores = database().stores;
    const knex = database().knex;
    let before = await expectConsistent();
    const step = async (write: () => Promise<unknown>, changes: boolean) => {
      const version = await dataVersion(knex);
      await write();
      expect(await dataVersion(knex), 'the data version moved').to.be.greaterThan(version);
      const after = await expectConsistent();
      if (changes) expect(after).to.not.deep.equal(before);
      else expect(after).to.deep.equal(before);
      before = after;
    };
    const [first, second, third] = seeded.people;
    await step(
      () =>
        stores.events.recordAttendance({
          eventId: seeded.training.id,
          personId: second!.person.id,
          source: 'roster',
        }),
      true,
    );
    await step(
      () =>
        stores.attempts.applyCommit({
          attemptId: second!.attempt.id,
          organisationId: second!.organisationId,
          seq: 2,
          cmi: {},
          completionStatus: 'completed',
          successStatus: 'passed',
          scoreScaled: 1,
          totalTimeSeconds: 90,
        }),
      true,
    );
    await step(() => stores.profiles.set(third!.person.id, { gender: 'kvinna', role: 'handledare' }), true);
    await step(
      () => knex('people').where({ id: third!.person.id }).update({ organisation_id: seeded.stockholm.id }),
      true,
    );
    // The same roster again: idempotent, so every count stays as it was.
    await step(
      () =>
        stores.events.recordAttendance({
          eventId: seeded.training.id,
          personId: second!.person.id,
          source: 'roster',
        }),
      false,
    );
    await step(
      () =>
        new KnexPersonErasure(knex).erase(first!.person.id, { actor: 'test', reason: 'request' }, new Date()),
      true,
    );
  });

  it('leaves the data version alone for a launch and a SCORM commit that do not change the counts', async () => {
    const stores = database().stores;
    const knex = database().knex;
    const { person, attempt, organisationId } = seeded.people[4]!;
    await expectConsistent();
    const version = await dataVersion(knex);
    await stores.people.upsertByEmail({ organisationId, email: person.email!, name: 'Nytt namn' });
    await stores.attempts.applyCommit({
      attemptId: attempt.id,
      organisationId,
      seq: 3,
      cmi: { 'cmi.location': 'sida-2' },
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 1,
      totalTimeSeconds: 120,
    });
    expect(await dataVersion(knex)).to.equal(version);
    await expectConsistent();
  });
});
