import type { AttemptCommit, NewCourseVersion, Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

const version1: NewCourseVersion = {
  courseSlug: 'exempel',
  courseTitle: 'Exempelkurs',
  version: '1.0.0',
  trackingMajor: 1,
  contentHash: 'sha256:aaa',
  outline: {
    title: 'Exempelkurs',
    masteryScore: 80,
    lessons: [{ id: 'l1', title: 'Lektion 1', minutes: 10 }],
  },
};

async function setUp(stores: Stores) {
  const org = await stores.organisations.create({ name: 'Org' });
  const person = await stores.people.upsertByLti({
    organisationId: org.id,
    ltiIssuer: 'https://lms.se',
    ltiSubject: 's',
  });
  const version = await stores.courses.registerVersion(version1);
  const attempt = await stores.attempts.create({
    organisationId: org.id,
    personId: person.id,
    courseVersionId: version.id,
    scormVersion: '2004',
  });
  return { org, person, version, attempt };
}

function commit(
  attemptId: string,
  organisationId: string,
  seq: number,
  overrides: Partial<AttemptCommit> = {},
): AttemptCommit {
  return {
    attemptId,
    organisationId,
    seq,
    cmi: { 'cmi.location': `l${seq}` },
    completionStatus: 'incomplete',
    successStatus: 'unknown',
    scoreScaled: null,
    totalTimeSeconds: seq * 10,
    ...overrides,
  };
}

/** Behaviour every CourseStore and AttemptStore implementation must have. */
export function courseAndAttemptContract(stores: () => Stores): void {
  describe('CourseStore', () => {
    it('registers a version once; registering it again returns the stored one', async () => {
      const first = await stores().courses.registerVersion(version1);
      const again = await stores().courses.registerVersion({ ...version1, contentHash: 'sha256:other' });
      expect(again.id).to.equal(first.id);
      expect(again.contentHash).to.equal('sha256:aaa');
      expect(again.outline).to.deep.equal(version1.outline);
      const second = await stores().courses.registerVersion({ ...version1, version: '1.1.0' });
      expect((await stores().courses.latestVersion('exempel'))?.id).to.equal(second.id);
      expect((await stores().courses.listCourses()).map((course) => course.slug)).to.include('exempel');
      expect(await stores().courses.findVersion('exempel', '9.9.9')).to.equal(null);
    });
  });

  describe('AttemptStore', () => {
    it('creates an attempt that starts not attempted with sequence 0', async () => {
      const { attempt, org, person } = await setUp(stores());
      expect(attempt.commitSeq).to.equal(0);
      expect(attempt.completionStatus).to.equal('not_attempted');
      expect(attempt.cmi).to.deep.equal({});
      expect((await stores().attempts.findLatest(org.id, person.id, 'exempel'))?.id).to.equal(attempt.id);
    });

    it('applies commits in order and ignores repeated or older ones', async () => {
      const { attempt, org } = await setUp(stores());
      expect((await stores().attempts.applyCommit(commit(attempt.id, org.id, 2))).applied).to.equal(true);
      const older = await stores().attempts.applyCommit(commit(attempt.id, org.id, 1));
      expect(older.applied).to.equal(false);
      expect(older.attempt.cmi).to.deep.equal({ 'cmi.location': 'l2' });
      expect((await stores().attempts.applyCommit(commit(attempt.id, org.id, 2))).applied).to.equal(false);
      const stored = await stores().attempts.get(org.id, attempt.id);
      expect(stored.commitSeq).to.equal(2);
      expect(stored.totalTimeSeconds).to.equal(20);
    });

    it('ends with the highest commit when many arrive at once', async () => {
      const { attempt, org } = await setUp(stores());
      // A fixed shuffle (7 is coprime with 20), so the order is mixed but the test repeatable.
      const seqs = Array.from({ length: 20 }, (_, i) => ((i * 7) % 20) + 1);
      await Promise.all(seqs.map((seq) => stores().attempts.applyCommit(commit(attempt.id, org.id, seq))));
      const stored = await stores().attempts.get(org.id, attempt.id);
      expect(stored.commitSeq).to.equal(20);
      expect(stored.cmi).to.deep.equal({ 'cmi.location': 'l20' });
    });

    it('records derived status and score and keeps the first completion time', async () => {
      const { attempt, org } = await setUp(stores());
      const done = await stores().attempts.applyCommit(
        commit(attempt.id, org.id, 1, {
          completionStatus: 'completed',
          successStatus: 'passed',
          scoreScaled: 0.85,
        }),
      );
      expect(done.attempt.completionStatus).to.equal('completed');
      expect(done.attempt.successStatus).to.equal('passed');
      expect(done.attempt.scoreScaled).to.equal(0.85);
      const completedAt = done.attempt.completedAt;
      expect(completedAt).to.be.instanceOf(Date);
      const later = await stores().attempts.applyCommit(
        commit(attempt.id, org.id, 2, {
          completionStatus: 'completed',
          successStatus: 'passed',
          scoreScaled: 0.9,
        }),
      );
      expect(later.attempt.completedAt?.getTime()).to.equal(completedAt?.getTime());
    });

    it('keeps attempts inside their organisation', async () => {
      const { attempt } = await setUp(stores());
      const other = await stores().organisations.create({ name: 'Other' });
      await expectAppError(stores().attempts.get(other.id, attempt.id), 'STORE_RECORD_NOT_FOUND');
      await expectAppError(
        stores().attempts.applyCommit(commit(attempt.id, other.id, 5)),
        'STORE_RECORD_NOT_FOUND',
      );
    });

    it('resumes an attempt on a compatible version, keeping its progress, inside its organisation only', async () => {
      const { attempt, org, person } = await setUp(stores());
      await stores().attempts.applyCommit(commit(attempt.id, org.id, 3));
      const patch = await stores().courses.registerVersion({
        ...version1,
        version: '1.0.1',
        contentHash: 'sha256:patch',
      });
      const other = await stores().organisations.create({ name: 'Other' });
      const move = { courseVersionId: patch.id, ltiResourceLinkId: null, resourceLinkId: 'rl-2' };
      await expectAppError(stores().attempts.resume(other.id, attempt.id, move), 'STORE_RECORD_NOT_FOUND');
      const resumed = await stores().attempts.resume(org.id, attempt.id, move);
      expect(resumed).to.include({ courseVersionId: patch.id, commitSeq: 3, resourceLinkId: 'rl-2' });
      expect(resumed.cmi).to.deep.equal({ 'cmi.location': 'l3' });
      const all = await stores().attempts.listForCourse(org.id, 'exempel');
      expect(all.map((a) => a.id)).to.include(attempt.id);
      expect(await stores().attempts.listForCourse(other.id, 'exempel')).to.deep.equal([]);
      expect((await stores().attempts.findLatest(org.id, person.id, 'exempel'))?.id).to.equal(attempt.id);
    });

    it('reads an attempt under a row lock inside a transaction', async () => {
      const { attempt, org } = await setUp(stores());
      const locked = await stores().transaction((trx) =>
        trx.attempts.get(org.id, attempt.id, { forUpdate: true }),
      );
      expect(locked.id).to.equal(attempt.id);
    });

    it('rejects a score outside -1..1 and stores nothing', async () => {
      const { attempt, org } = await setUp(stores());
      await expectAppError(
        stores().attempts.applyCommit(commit(attempt.id, org.id, 1, { scoreScaled: 7 })),
        'STORE_VALUE_INVALID',
      );
      expect((await stores().attempts.get(org.id, attempt.id)).commitSeq).to.equal(0);
    });
  });
}
