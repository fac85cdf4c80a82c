import type { AttemptCommit, ConditionalAttemptCommit, NewCourseVersion, Stores } from '@kompetenta/core';
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
    it('reads an attempt without its CMI, inside its organisation only', async () => {
      const { attempt, org } = await setUp(stores());
      await stores().attempts.applyCommit(commit(attempt.id, org.id, 2));
      const summary = await stores().attempts.getSummary(org.id, attempt.id);
      const full: Record<string, unknown> = { ...(await stores().attempts.get(org.id, attempt.id)) };
      delete full.cmi;
      expect(summary).to.deep.equal(full);
      expect(summary).not.to.have.property('cmi');
      const other = await stores().organisations.create({ name: 'Annan' });
      await expectAppError(stores().attempts.getSummary(other.id, attempt.id), 'STORE_RECORD_NOT_FOUND');
      await expectAppError(stores().attempts.getSummary(org.id, 'not-a-uuid'), 'STORE_RECORD_NOT_FOUND');
    });

    it('applies a conditional commit only while the sequence it was derived from is stored', async () => {
      const { attempt, org, person } = await setUp(stores());
      const conditional = (seq: number, expectedSeq: number): ConditionalAttemptCommit => ({
        ...commit(attempt.id, org.id, seq),
        personId: person.id,
        expectedSeq,
        grade: null,
      });
      const first = await stores().attempts.applyCommitIfUnchanged(conditional(1, 0));
      expect(first?.attempt.commitSeq).to.equal(1);
      expect(first?.graded).to.equal(false);
      // Derived from seq 0, but seq 1 is stored now: nothing changes, the caller reads again.
      expect(await stores().attempts.applyCommitIfUnchanged(conditional(2, 0))).to.equal(null);
      // Another person's, or another organisation's, attempt matches nothing either.
      const stranger = await stores().people.upsertByLti({
        organisationId: org.id,
        ltiIssuer: 'https://lms.se',
        ltiSubject: 'someone-else',
      });
      expect(
        await stores().attempts.applyCommitIfUnchanged({ ...conditional(2, 1), personId: stranger.id }),
      ).to.equal(null);
      const other = await stores().organisations.create({ name: 'Annan' });
      expect(
        await stores().attempts.applyCommitIfUnchanged({ ...conditional(2, 1), organisationId: other.id }),
      ).to.equal(null);
      const stored = await stores().attempts.get(org.id, attempt.id);
      expect(stored.commitSeq).to.equal(1);
      expect(stored.cmi).to.deep.equal({ 'cmi.location': 'l1' });
      const second = await stores().attempts.applyCommitIfUnchanged(conditional(2, 1));
      expect(second?.attempt.commitSeq).to.equal(2);
      expect(second?.attempt.lastActivityAt.getTime()).to.be.greaterThan(stored.lastActivityAt.getTime());
      expect((await stores().attempts.get(org.id, attempt.id)).cmi).to.deep.equal({ 'cmi.location': 'l2' });
    });

    it('writes the grade row with a conditional commit only when the attempt link has an AGS line item', async () => {
      const { attempt, org, person } = await setUp(stores());
      const platform = await stores().tenants.addPlatform({
        issuer: `https://lms-${attempt.id}.se`,
        clientId: 'c',
        name: 'LMS',
        authUrl: 'https://lms.se/auth',
        tokenUrl: 'https://lms.se/token',
        jwksUrl: 'https://lms.se/jwks',
        status: 'approved',
      });
      const link = (lineItem: string | null, id: string) =>
        stores().resourceLinks.upsertFromLaunch({
          platformId: platform.id,
          deploymentId: 'd',
          resourceLinkId: id,
          organisationId: org.id,
          contextId: 'ctx',
          contextTitle: 'Kurs',
          title: 'Länk',
          agsLineItemUrl: lineItem,
          agsLineItemsUrl: null,
          agsScopes: [],
          nrpsMembershipsUrl: null,
        });
      const graded = await link('https://lms.se/lineitems/1', `graded-${attempt.id}`);
      const ungraded = await link(null, `ungraded-${attempt.id}`);
      const version = await stores().courses.latestVersion('exempel');
      const withLink = async (linkId: string) =>
        stores().attempts.create({
          organisationId: org.id,
          personId: person.id,
          courseVersionId: version!.id,
          ltiResourceLinkId: linkId,
          scormVersion: '2004',
        });
      const score = { scoreMaximum: 100, activityProgress: 'InProgress', gradingProgress: 'Pending' };
      const conditional = (attemptId: string): ConditionalAttemptCommit => ({
        ...commit(attemptId, org.id, 1),
        personId: person.id,
        expectedSeq: 0,
        grade: { idempotencyKey: `grade:${attemptId}:1`, orderingKey: `grade:${attemptId}`, score },
      });
      const gradedAttempt = await withLink(graded.id);
      const applied = await stores().attempts.applyCommitIfUnchanged(conditional(gradedAttempt.id));
      expect(applied?.graded).to.equal(true);
      const rows = await stores().outbox.list({ topic: 'grade', organisationId: org.id });
      const row = rows.find((message) => message.idempotencyKey === `grade:${gradedAttempt.id}:1`);
      expect(row?.orderingKey).to.equal(`grade:${gradedAttempt.id}`);
      expect(row?.organisationId).to.equal(org.id);
      expect(row?.payload).to.deep.equal({
        attemptId: gradedAttempt.id,
        platformId: platform.id,
        lineItemUrl: 'https://lms.se/lineitems/1',
        score: { ...score, userId: 's', timestamp: applied!.attempt.lastActivityAt.toISOString() },
      });
      // No line item, or no attempt link at all: the commit is stored, no grade row is written.
      for (const attemptId of [(await withLink(ungraded.id)).id, attempt.id]) {
        const stored = await stores().attempts.applyCommitIfUnchanged(conditional(attemptId));
        expect(stored?.attempt.commitSeq).to.equal(1);
        expect(stored?.graded).to.equal(false);
      }
      const keys = (await stores().outbox.list({ topic: 'grade', organisationId: org.id })).map(
        (message) => message.idempotencyKey,
      );
      expect(keys).not.to.include(`grade:${attempt.id}:1`);
    });
  });
}
