import {
  isAppError,
  type AttemptCommit,
  type ConditionalAttemptCommit,
  type NewCourseVersion,
  type Stores,
} from '@kompetenta/core';
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

/** A platform with one resource link that has an AGS line item and one that has none, and attempts on them. */
async function linkedAttempts(stores: Stores, tag: string, organisationId: string, personId: string) {
  const platform = await stores.tenants.addPlatform({
    issuer: `https://lms-${tag}.se`,
    clientId: 'c',
    name: 'LMS',
    authUrl: 'https://lms.se/auth',
    tokenUrl: 'https://lms.se/token',
    jwksUrl: 'https://lms.se/jwks',
    status: 'approved',
  });
  const link = (lineItem: string | null, id: string) =>
    stores.resourceLinks.upsertFromLaunch({
      platformId: platform.id,
      deploymentId: 'd',
      resourceLinkId: id,
      organisationId,
      contextId: 'ctx',
      contextTitle: 'Kurs',
      title: 'Länk',
      agsLineItemUrl: lineItem,
      agsLineItemsUrl: null,
      agsScopes: [],
      nrpsMembershipsUrl: null,
    });
  const graded = await link('https://lms.se/lineitems/1', `graded-${tag}`);
  const ungraded = await link(null, `ungraded-${tag}`);
  const version = await stores.courses.latestVersion('exempel');
  const withLink = async (linkId: string | null) =>
    stores.attempts.create({
      organisationId,
      personId,
      courseVersionId: version!.id,
      ...(linkId === null ? {} : { ltiResourceLinkId: linkId }),
      scormVersion: '2004',
    });
  return { platform, graded, ungraded, withLink };
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
      const { platform, graded, ungraded, withLink } = await linkedAttempts(
        stores(),
        attempt.id,
        org.id,
        person.id,
      );
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

    it('gives each of many conditional commits at once what it would get alone (group commit), a bad one failing alone', async () => {
      const { attempt, org, person } = await setUp(stores());
      const { platform, graded, ungraded, withLink } = await linkedAttempts(
        stores(),
        `many-${attempt.id}`,
        org.id,
        person.id,
      );
      const score = {
        scoreMaximum: 100,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        scoreGiven: 90,
      };
      const conditional = (
        attemptId: string,
        seq: number,
        expectedSeq: number,
        overrides: Partial<AttemptCommit> = {},
      ): ConditionalAttemptCommit => ({
        ...commit(attemptId, org.id, seq, overrides),
        personId: person.id,
        expectedSeq,
        grade: { idempotencyKey: `grade:${attemptId}:${seq}`, orderingKey: `grade:${attemptId}`, score },
      });
      const gradedIds = await Promise.all(
        Array.from({ length: 5 }, async () => (await withLink(graded.id)).id),
      );
      const ungradedId = (await withLink(ungraded.id)).id;
      const stale = await withLink(null);
      await stores().attempts.applyCommitIfUnchanged({ ...conditional(stale.id, 1, 0), grade: null });
      const bad = await withLink(graded.id);
      const twoTabs = await withLink(null);
      // All sent in the same turn of the event loop, as requests read together are.
      const outcomes = await Promise.allSettled([
        ...gradedIds.map((id) =>
          stores().attempts.applyCommitIfUnchanged(
            conditional(id, 1, 0, {
              completionStatus: 'completed',
              successStatus: 'passed',
              scoreScaled: 0.9,
            }),
          ),
        ),
        stores().attempts.applyCommitIfUnchanged(conditional(ungradedId, 1, 0)),
        stores().attempts.applyCommitIfUnchanged(conditional(stale.id, 2, 0)),
        stores().attempts.applyCommitIfUnchanged({
          ...conditional(twoTabs.id, 1, 0),
          cmi: { 'cmi.location': 'flik-1' },
        }),
        stores().attempts.applyCommitIfUnchanged({
          ...conditional(twoTabs.id, 2, 0),
          cmi: { 'cmi.location': 'flik-2' },
        }),
      ]);
      const value = (i: number) => {
        const outcome = outcomes[i]!;
        if (outcome.status === 'rejected') throw outcome.reason;
        return outcome.value;
      };
      for (const [i, id] of gradedIds.entries()) {
        expect(value(i)?.attempt.id).to.equal(id);
        expect(value(i)?.attempt.commitSeq).to.equal(1);
        expect(value(i)?.attempt.completedAt).to.be.instanceOf(Date);
        expect(value(i)?.attempt.scoreScaled).to.equal(0.9);
        expect(value(i)?.graded).to.equal(true);
      }
      expect(value(5)?.attempt.id).to.equal(ungradedId);
      expect(value(5)?.graded).to.equal(false);
      expect(value(6), 'derived from seq 0 while 1 is stored').to.equal(null);
      // Two tabs' commits derived from the same state: exactly one is stored, the other matches nothing.
      const tabs = [value(7), value(8)];
      expect(tabs.filter((tab) => tab !== null)).to.have.length(1);
      const winner = tabs.findIndex((tab) => tab !== null);
      expect((await stores().attempts.get(org.id, twoTabs.id)).cmi).to.deep.equal({
        'cmi.location': `flik-${winner + 1}`,
      });
      // A commit the database refuses fails alone: the one sent with it is stored.
      const [refused, next] = await Promise.allSettled([
        stores().attempts.applyCommitIfUnchanged(conditional(bad.id, 1, 0, { scoreScaled: 7 })),
        stores().attempts.applyCommitIfUnchanged({ ...conditional(ungradedId, 2, 1), grade: null }),
      ]);
      expect(refused.status).to.equal('rejected');
      const reason = (refused as PromiseRejectedResult).reason as unknown;
      expect(isAppError(reason, 'STORE_VALUE_INVALID'), String(reason)).to.equal(true);
      expect((await stores().attempts.get(org.id, bad.id)).commitSeq, 'nothing stored for it').to.equal(0);
      expect(next.status === 'fulfilled' && next.value?.attempt.commitSeq).to.equal(2);
      // Each graded attempt has its own grade row, with its own timestamp; the others none.
      const rows = await stores().outbox.list({ topic: 'grade', organisationId: org.id });
      for (const [i, id] of gradedIds.entries()) {
        const row = rows.find((message) => message.idempotencyKey === `grade:${id}:1`);
        expect(row?.payload).to.deep.equal({
          attemptId: id,
          platformId: platform.id,
          lineItemUrl: 'https://lms.se/lineitems/1',
          score: { ...score, userId: 's', timestamp: value(i)!.attempt.lastActivityAt.toISOString() },
        });
      }
      const keys = rows.map((message) => message.idempotencyKey);
      for (const id of [ungradedId, stale.id, bad.id, twoTabs.id])
        expect(keys.filter((key) => key.includes(id))).to.deep.equal([]);
    });
  });
}
