import type { Stores } from '@kompetenta/core';
import { describeEachEngine, expectAppError } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { KnexPersonErasure } from '../../src/erasure/KnexPersonErasure';
import { KnexReportingStore } from '../../src/stores/KnexReportingStore';

/** A learner with everything personal Kompetenta can hold, plus two plain colleagues. */
async function seed(stores: Stores, tag: string) {
  const organisation = await stores.organisations.create({
    name: `Föreningen ${tag}`,
    municipalityCode: '2480',
  });
  const version = await stores.courses.registerVersion({
    courseSlug: `kurs-${tag}`,
    courseTitle: 'Kurs',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: `sha256:${tag}`,
    outline: { title: 'K', masteryScore: 80, lessons: [{ id: 'l1', title: 'L1', minutes: 10 }] },
  });
  const event = await stores.events.create({
    type: 'natverkstraff',
    title: `Träff ${tag}`,
    startsAt: new Date('2026-03-10T09:00:00Z'),
    hours: 3,
    municipalityCode: '2480',
  });
  const people = [];
  for (const [i, gender] of (['kvinna', 'man', 'kvinna'] as const).entries()) {
    const person = await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: `${tag}-${i}`,
      email: `person${i}.${tag}@example.se`,
      name: `Person ${i}`,
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    });
    await stores.profiles.set(person.id, { gender, role: 'handledare', consentAt: new Date() });
    const attempt = await stores.attempts.create({
      organisationId: organisation.id,
      personId: person.id,
      courseVersionId: version.id,
      scormVersion: '2004',
    });
    await stores.attempts.applyCommit({
      attemptId: attempt.id,
      organisationId: organisation.id,
      seq: 1,
      cmi: {
        'cmi.learner_name': `Person ${i}`,
        'cmi.learner_id': person.id,
        'cmi.interactions.0.learner_response': 'Jag heter Person och bor i Umeå',
        'cmi.objectives.0.id': 'l1',
        'cmi.objectives.0.completion_status': 'completed',
      },
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 0.9,
      totalTimeSeconds: 60,
    });
    await stores.events.recordAttendance({ eventId: event.id, personId: person.id, source: 'checkin' });
    people.push(person);
  }
  await stores.outbox.enqueue({
    topic: 'mail',
    idempotencyKey: `mail-${tag}`,
    payload: { to: people[0]!.email!, name: 'Person 0', template: 'reminder' },
  });
  return { organisation, version, event, people };
}

function total(rows: readonly { count: number }[]): number {
  return rows.reduce((sum, row) => sum + row.count, 0);
}

describeEachEngine('person erasure and retention', (database) => {
  it('removes every personal field, keeps attempts and attendance, and every report total stays the same', async () => {
    const stores = database().stores;
    const { organisation, version, event, people } = await seed(stores, 'erase');
    const reporting = new KnexReportingStore(database().knex);
    const filter = { organisationId: organisation.id };
    const before = {
      course: total(await reporting.completionCounts('course', filter)),
      lesson: total(await reporting.completionCounts('lesson', filter)),
      attendance: total(await reporting.attendanceCounts('eventType', filter)),
      trained: (await reporting.targetMeasures(filter)).peopleTrained,
    };
    const erasure = new KnexPersonErasure(database().knex);
    const target = people[0]!;
    const now = new Date('2026-06-01T12:00:00Z');
    const result = await erasure.erase(target.id, { actor: 'cli', reason: 'request' }, now);
    expect(result).to.deep.include({
      personId: target.id,
      organisationId: organisation.id,
      alreadyErased: false,
    });

    const erased = await stores.people.get(organisation.id, target.id);
    expect(erased).to.deep.include({ name: null, email: null, ltiIssuer: null, ltiSubject: null, roles: [] });
    expect(erased.erasedAt?.toISOString()).to.equal(now.toISOString());
    expect(await stores.profiles.get(target.id)).to.equal(null);
    const [attempt] = await stores.attempts
      .listForCourseVersion(organisation.id, version.id)
      .then((all) => all.filter((a) => a.personId === target.id));
    expect(attempt?.completionStatus).to.equal('completed');
    expect(attempt?.cmi).to.deep.equal({
      'cmi.objectives.0.id': 'l1',
      'cmi.objectives.0.completion_status': 'completed',
    });
    expect((await stores.events.listAttendance(event.id)).map((row) => row.personId)).to.include(target.id);
    expect(await stores.outbox.list({ topic: 'mail' })).to.satisfy((rows: { idempotencyKey: string }[]) =>
      rows.every((row) => row.idempotencyKey !== 'mail-erase'),
    );
    const audit = (await stores.audit.list({ action: 'person.erase' })).filter(
      (e) => e.subject === target.id,
    );
    expect(audit).to.have.length(1);
    expect(audit[0]).to.deep.include({
      actor: 'cli',
      organisationId: organisation.id,
      details: { reason: 'request' },
    });

    const after = {
      course: total(await reporting.completionCounts('course', filter)),
      lesson: total(await reporting.completionCounts('lesson', filter)),
      attendance: total(await reporting.attendanceCounts('eventType', filter)),
      trained: (await reporting.targetMeasures(filter)).peopleTrained,
    };
    expect(after).to.deep.equal(before);
    // The erased person now counts as "gender not recorded".
    const genders = (await reporting.attendanceCounts('eventType', filter)).map((row) => [
      row.gender,
      row.count,
    ]);
    expect(genders).to.deep.include.members([[null, 1]]);

    // Others are untouched; erasing again changes nothing and is not audited twice.
    expect(await stores.people.get(organisation.id, people[1]!.id)).to.include({ name: 'Person 1' });
    const again = await erasure.erase(target.id, { actor: 'cli', reason: 'request' }, new Date());
    expect(again).to.deep.include({ alreadyErased: true });
    expect(
      (await stores.audit.list({ action: 'person.erase' })).filter((e) => e.subject === target.id),
    ).to.have.length(1);
    // The same LMS user launching again is a new person: nothing links back.
    const relaunch = await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: 'erase-0',
    });
    expect(relaunch.id).not.to.equal(target.id);
  });

  it('describes a person for the confirmation, and names an unknown one', async () => {
    const stores = database().stores;
    const { people, organisation } = await seed(stores, 'describe');
    const erasure = new KnexPersonErasure(database().knex);
    expect(await erasure.describe(people[1]!.id)).to.deep.include({
      name: 'Person 1',
      organisationName: organisation.name,
      attempts: 1,
      attendances: 1,
      erasedAt: null,
    });
    expect(await erasure.describe('not-a-uuid')).to.equal(null);
    await expectAppError(
      erasure.erase('00000000-0000-4000-8000-000000000000', { actor: 'cli', reason: 'request' }, new Date()),
      'STORE_RECORD_NOT_FOUND',
    );
  });

  it('lists people inactive since a cutoff by their latest activity, never the erased', async () => {
    const stores = database().stores;
    const { people } = await seed(stores, 'retention');
    const erasure = new KnexPersonErasure(database().knex);
    const future = new Date(Date.now() + 86_400_000);
    const inactive = await erasure.listInactiveSince(future, 100_000);
    for (const person of people) expect(inactive).to.include(person.id);
    expect(await erasure.listInactiveSince(new Date(Date.now() - 86_400_000))).to.not.include(people[0]!.id);
    await erasure.erase(people[0]!.id, { actor: 'retention', reason: 'retention' }, new Date());
    expect(await erasure.listInactiveSince(future, 100_000)).to.not.include(people[0]!.id);
  });
});
