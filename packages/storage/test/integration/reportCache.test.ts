import type { GenderCount, ReportFilter, Stores, TargetMeasures } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { KnexPersonErasure } from '../../src/erasure/KnexPersonErasure';
import * as reportMoves from '../../src/migrations/011_report_more_deltas';
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
    // ... and a write the counts depend on makes it unservable, in the same transaction: here an
    // organisation renamed (a group key), which is no logged delta (see the next test for those),
    // so it is recounted.
    await knex('organisations').where({ id: seeded.stockholm.id }).update({ name: 'Sthlm cache omdöpt' });
    expect(await dataVersion(knex)).to.be.greaterThan(version);
    expect(await cached().attendanceCounts('eventType')).to.deep.equal(
      await raw().attendanceCounts('eventType'),
    );
  });

  it('brings a stored answer forward after attendance, a completion, a profile change and a move, and recounts after a rename or an erasure', async () => {
    const knex = database().knex;
    const stores = database().stores;
    await expectConsistent();
    // A marker in five stored answers: a refreshed answer keeps it, a recounted one does not. Two
    // of them are grouped or filtered by organisation, which a move changes. (The marker's key
    // sorts last in every collation, where a refresh that adds cells puts it.)
    const marker = { key: 'zzz-planted', gender: 'kvinna', count: 99 };
    const umea = { organisationId: seeded.umea.id };
    const markedKeys = [
      reportCacheKey('attendance/month', {}),
      reportCacheKey('completion/course', {}),
      reportCacheKey('completion/organisation', {}),
      reportCacheKey('attendance/eventType', umea),
    ];
    const targetsKey = reportCacheKey('targets', {});
    const plant = async () => {
      for (const key of markedKeys) {
        const row = await knex('report_cache').where({ key }).first<{ result: GenderCount[] }>('result');
        await knex('report_cache')
          .where({ key })
          .update({ result: JSON.stringify([...row.result, marker]) });
      }
      const targets = await knex('report_cache')
        .where({ key: targetsKey })
        .first<{ result: TargetMeasures }>('result');
      await knex('report_cache')
        .where({ key: targetsKey })
        .update({
          result: JSON.stringify({ ...targets.result, peopleTrained: targets.result.peopleTrained + 1000 }),
        });
    };
    const answers = async (store: KnexReportingStore) => ({
      counts: [
        await store.attendanceCounts('month'),
        await store.completionCounts('course'),
        await store.completionCounts('organisation'),
        await store.attendanceCounts('eventType', umea),
      ],
      targets: await store.targetMeasures(),
    });
    const marked = async () => {
      const exact = await answers(raw());
      return {
        counts: exact.counts.map((counts) => [...counts, marker]),
        targets: { ...exact.targets, peopleTrained: exact.targets.peopleTrained + 1000 },
      };
    };
    await answers(cached());
    await plant();
    // A new person checks in at the training (a profile first, as the check-in form does) and
    // one completes the course: both are logged deltas, so the marked answers are brought forward.
    const newcomer = await stores.people.upsertByEmail({
      organisationId: seeded.umea.id,
      email: 'cache-ny@example.se',
    });
    const before = await dataVersion(knex);
    await stores.profiles.set(newcomer.id, { gender: 'man', role: 'handledare', consentAt: new Date() });
    expect(await dataVersion(knex), 'a first profile of someone not yet counted moves nothing').to.equal(
      before,
    );
    await stores.events.recordAttendance({
      eventId: seeded.training.id,
      personId: newcomer.id,
      source: 'checkin',
    });
    const learner = seeded.people[5]!;
    await stores.attempts.applyCommit({
      attemptId: learner.attempt.id,
      organisationId: learner.organisationId,
      seq: 5,
      cmi: {},
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 1,
      totalTimeSeconds: 60,
    });
    expect(await dataVersion(knex)).to.be.greaterThan(before);
    const refreshed = await marked();
    expect(refreshed.targets.peopleTrained).to.be.greaterThan((await raw().targetMeasures()).peopleTrained);
    expect(await answers(cached())).to.deep.equal(refreshed);
    // A gender change is a logged delta too (the person's contribution moves between genders) ...
    await stores.profiles.set(newcomer.id, { gender: 'kvinna' });
    const moved = await marked();
    expect(moved.counts[0]).to.not.deep.equal(refreshed.counts[0]);
    expect(await answers(cached())).to.deep.equal(moved);
    // ... and so is a move to another organisation (the contribution moves between organisations) ...
    expect(learner.organisationId).to.equal(seeded.umea.id);
    await knex('people').where({ id: learner.person.id }).update({ organisation_id: seeded.stockholm.id });
    const relocated = await marked();
    expect(relocated.counts[2]).to.not.deep.equal(moved.counts[2]);
    expect(await answers(cached())).to.deep.equal(relocated);
    // Two profile changes around a move back, between two reads: the first change holds the
    // state then; the person attends the Umeå meeting too (their umea attendance moves back).
    await stores.profiles.set(learner.person.id, { gender: 'annat' });
    await knex('people').where({ id: learner.person.id }).update({ organisation_id: seeded.umea.id });
    await stores.profiles.set(learner.person.id, { role: 'kommun', municipalityCode: '0180' });
    const returned = await marked();
    expect(returned.counts[3]).to.not.deep.equal(relocated.counts[3]);
    expect(await answers(cached())).to.deep.equal(returned);
    // ... but a renamed organisation is not: every answer is recounted, the markers are gone.
    await knex('organisations').where({ id: seeded.umea.id }).update({ name: 'Umeå cache omdöpt' });
    expect(await answers(cached())).to.deep.equal(await answers(raw()));
    // An erasure recounts too, and leaves no row of the person in the change log.
    await answers(cached());
    await plant();
    await stores.events.recordAttendance({
      eventId: seeded.meeting.id,
      personId: newcomer.id,
      source: 'roster',
    });
    expect(await knex('report_change_log').where({ person_id: newcomer.id })).to.not.have.length(0);
    await new KnexPersonErasure(knex).erase(newcomer.id, { actor: 'test', reason: 'request' }, new Date());
    expect(await knex('report_change_log').where({ person_id: newcomer.id })).to.have.length(0);
    expect(await answers(cached())).to.deep.equal(await answers(raw()));
  });

  it('stays exact after attendance, completion, a gender change, a move, re-import and erasure', async function () {
    this.timeout(120_000);
    const stores = database().stores;
    const knex = database().knex;
    let before = await expectConsistent();
    const step = async (write: () => Promise<unknown>, changes: boolean, moves = changes) => {
      const version = await dataVersion(knex);
      await write();
      if (moves) expect(await dataVersion(knex), 'the data version moved').to.be.greaterThan(version);
      else expect(await dataVersion(knex), 'the data version stayed').to.equal(version);
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
    // Profile changes are deltas: a role and a municipality (a group and a filter of completions),
    // a gender unset, two changes of one person between two reads (the first one's old values are
    // the profile then), and a change together with new attendance of the same person.
    await step(
      () => stores.profiles.set(second!.person.id, { role: 'kommun', municipalityCode: '0180' }),
      true,
    );
    await step(() => stores.profiles.set(first!.person.id, { gender: null }), true);
    await step(async () => {
      await stores.profiles.set(second!.person.id, { gender: 'annat', municipalityCode: '2480' });
      await stores.profiles.set(second!.person.id, { gender: 'vill_ej_uppge', role: 'ovrig' });
    }, true);
    await step(async () => {
      await stores.profiles.set(third!.person.id, { gender: 'man', municipalityCode: '2480' });
      await stores.events.recordAttendance({
        eventId: seeded.training.id,
        personId: third!.person.id,
        source: 'checkin',
      });
    }, true);
    // Moves are deltas too: a move alone; a move between two profile changes of the same person
    // (the first logged change holds the state then); a move there and back between two reads
    // (the counts are as before, the version moved); a move together with new attendance.
    const moveTo = (person: { id: string }, organisation: { id: string }) =>
      knex('people').where({ id: person.id }).update({ organisation_id: organisation.id });
    await step(() => moveTo(third!.person, seeded.stockholm), true);
    await step(async () => {
      await stores.profiles.set(third!.person.id, { gender: 'annat', municipalityCode: '0180' });
      await moveTo(third!.person, seeded.umea);
      await stores.profiles.set(third!.person.id, { gender: 'kvinna', role: 'anstalld' });
    }, true);
    await step(
      async () => {
        await moveTo(first!.person, seeded.umea);
        await moveTo(first!.person, seeded.stockholm);
      },
      false,
      true,
    );
    await step(async () => {
      await moveTo(seeded.people[6]!.person, seeded.umea);
      await stores.events.recordAttendance({
        eventId: seeded.training.id,
        personId: seeded.people[7]!.person.id,
        source: 'roster',
      });
    }, true);
    // The same roster again: idempotent, nothing is inserted, so not even the version moves.
    await step(
      () =>
        stores.events.recordAttendance({
          eventId: seeded.training.id,
          personId: second!.person.id,
          source: 'roster',
        }),
      false,
    );
    // A new organisation (the check-in form makes one for its first person): no count moves.
    await step(
      () => stores.organisations.create({ name: 'Ny förening cache', municipalityCode: '0180' }),
      false,
      true,
    );
    // A new event (a logged delta too): only the programme's event measures move.
    let another!: { id: string };
    await step(async () => {
      another = await stores.events.create({
        type: 'natverkstraff',
        title: 'Träff igen',
        startsAt: new Date('2026-03-24T09:00:00Z'),
        hours: 2,
        place: 'Umeå',
        municipalityCode: '2480',
      });
    }, true);
    // Attendance that adds no (group, person) pair the counts lack: the version moves, the
    // answers brought forward by deltas stay as they were.
    await step(
      () =>
        stores.events.recordAttendance({
          eventId: another.id,
          personId: second!.person.id,
          source: 'roster',
        }),
      true,
    );
    await expectConsistent();
    await step(
      () =>
        stores.events.recordAttendance({
          eventId: another.id,
          personId: third!.person.id,
          source: 'checkin',
        }),
      false,
      true,
    );
    // A new person's first check-in: a profile, then attendance (a delta with a new gender cell).
    await step(async () => {
      const newcomer = await stores.people.upsertByEmail({
        organisationId: seeded.umea.id,
        email: 'cache-ny2@example.se',
      });
      await stores.profiles.set(newcomer.id, {
        gender: 'vill_ej_uppge',
        role: 'ovrig',
        consentAt: new Date(),
      });
      await stores.events.recordAttendance({
        eventId: seeded.meeting.id,
        personId: newcomer.id,
        source: 'checkin',
      });
    }, true);
    // Someone who attended before they had a profile, moves, then gets one (a roster with genders).
    let unprofiled!: { id: string };
    await step(async () => {
      unprofiled = await stores.people.upsertByEmail({
        organisationId: seeded.stockholm.id,
        email: 'cache-utan-profil@example.se',
      });
      await stores.events.recordAttendance({
        eventId: seeded.meeting.id,
        personId: unprofiled.id,
        source: 'roster',
      });
      await expectConsistent();
      await moveTo(unprofiled, seeded.umea);
      await stores.profiles.set(unprofiled.id, {
        gender: 'kvinna',
        role: 'anstalld',
        municipalityCode: '2480',
      });
    }, true);
    // A move of someone counted nowhere (no attendance, nothing completed) moves no count: no bump.
    await step(async () => {
      const uncounted = await stores.people.upsertByEmail({
        organisationId: seeded.umea.id,
        email: 'cache-okrediterad@example.se',
      });
      await moveTo(uncounted, seeded.stockholm);
    }, false);
    // An attempt created already completed (a course completed elsewhere, imported).
    await step(async () => {
      const cv = await knex('course_versions').first<{ id: string }>('id');
      await knex('attempts').insert({
        organisation_id: seeded.umea.id,
        person_id: third!.person.id,
        course_version_id: cv.id,
        scorm_version: '2004',
        completion_status: 'completed',
        started_at: new Date('2026-02-01T10:00:00Z'),
        completed_at: new Date('2026-02-02T10:00:00Z'),
        last_activity_at: new Date('2026-02-02T10:00:00Z'),
      });
    }, true);
    await step(
      () =>
        new KnexPersonErasure(knex).erase(first!.person.id, { actor: 'test', reason: 'request' }, new Date()),
      true,
    );
  });

  it('recounts after an edit of what the counts read, and leaves the version alone for the rest of an event or organisation', async () => {
    const knex = database().knex;
    let before = await expectConsistent();
    const version = await dataVersion(knex);
    // Nothing the counts read: a corrected title, hours and organiser; an organisation's kind.
    await knex('events')
      .where({ id: seeded.meeting.id })
      .update({ title: 'Nätverksträff (rättad)', hours: 4, organiser: 'Länsnätverket' });
    await knex('organisations').where({ id: seeded.umea.id }).update({ kind: 'kooperativ' });
    expect(await dataVersion(knex)).to.equal(version);
    expect(await expectConsistent()).to.deep.equal(before);
    // The app registering its built courses again at start: nothing inserted, nothing moves. A
    // new version is a logged delta (it has no attempts yet): the version moves, nothing recounts.
    const registration = {
      courseSlug: 'cache-kurs',
      courseTitle: 'Kurs',
      trackingMajor: 1,
      outline: { title: 'K', masteryScore: 80, lessons: [{ id: 'l1', title: 'L1', minutes: 10 }] },
    };
    await database().stores.courses.registerVersion({
      ...registration,
      version: '1.0.0',
      contentHash: 'sha256:cache',
    });
    expect(await dataVersion(knex)).to.equal(version);
    await database().stores.courses.registerVersion({
      ...registration,
      version: '1.1.0',
      contentHash: 'sha256:ny',
    });
    const registered = await knex('report_data_version').first<{ version: string; invalidated_at: string }>();
    expect(Number(registered.version)).to.be.greaterThan(version);
    expect(Number(registered.invalidated_at)).to.be.lessThan(Number(registered.version));
    expect(await expectConsistent()).to.deep.equal(before);
    // A place (a group key) and a municipality (a group key, and where the members of an
    // organisation without their own municipality count): every answer recounted, and right.
    for (const edit of [
      () => knex('events').where({ id: seeded.meeting.id }).update({ place: 'Umeå folkets hus' }),
      () => knex('organisations').where({ id: seeded.umea.id }).update({ municipality_code: '1280' }),
    ]) {
      await edit();
      const invalidated = await knex('report_data_version').first<{
        version: string;
        invalidated_at: string;
      }>();
      expect(invalidated.invalidated_at).to.equal(invalidated.version);
      const after = await expectConsistent();
      expect(after).to.not.deep.equal(before);
      before = after;
    }
  });

  it('rolls migration 011 back to moves that recount, and forward again', async () => {
    const knex = database().knex;
    const person = seeded.people[8]!.person;
    const moveTo = (organisation: { id: string }) =>
      knex('people').where({ id: person.id }).update({ organisation_id: organisation.id });
    await reportMoves.down(knex);
    try {
      await expectConsistent();
      await moveTo(seeded.stockholm);
      const rolledBack = await knex('report_data_version').first<{
        version: string;
        invalidated_at: string;
      }>();
      expect(rolledBack.invalidated_at, 'a move recounts, as under 010').to.equal(rolledBack.version);
      await expectConsistent();
    } finally {
      await reportMoves.up(knex);
    }
    await expectConsistent();
    await moveTo(seeded.umea);
    const logged = await knex('report_change_log').where({ person_id: person.id, kind: 'profile' });
    expect(logged.map((row: { old_organisation_id: string }) => row.old_organisation_id)).to.deep.equal([
      seeded.stockholm.id,
    ]);
    await expectConsistent();
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
