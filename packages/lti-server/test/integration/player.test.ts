import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { signAttemptToken } from '../../src/player/attemptToken';
import { learner } from './launchHarness';
import {
  agsClaim,
  commit,
  createPlayerWorld,
  launchToPlayer,
  outboxCount,
  playerConfig,
  progressCmi,
  type PlayerWorld,
} from './playerHarness';

describeEachEngine('player page and commit API', (database) => {
  let world: PlayerWorld;
  before(async () => {
    world = await createPlayerWorld(database());
  });
  after(() => world.close());
  afterEach(() => {
    world.clock.offsetMs = 0;
  });

  async function stored(attemptId: string) {
    return world.stores.attempts.get(world.launchWorld.organisation.id, attemptId);
  }

  it('answers a commit with a fresh token once the page’s own runs out within 6 hours, and the fresh one keeps saving after the old one expired', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    const ok = { result: true, errorCode: 0 };
    expect((await commit(world, attemptId, token, 1, progressCmi(1)).expect(200)).body).to.deep.equal(ok);
    world.clock.offsetMs = 7 * 3600 * 1000;
    const renewed = (await commit(world, attemptId, token, 2, progressCmi(2)).expect(200)).body as {
      token?: string;
    };
    expect(renewed).to.include(ok);
    expect(renewed.token).to.be.a('string').and.not.equal(token);
    // 13 h after launch the page's token is expired; the renewed one is not.
    world.clock.offsetMs = 13 * 3600 * 1000;
    await commit(world, attemptId, token, 3, progressCmi(3)).expect(401);
    expect((await commit(world, attemptId, renewed.token!, 3, progressCmi(3)).expect(200)).body).to.include(
      ok,
    );
    expect((await stored(attemptId)).commitSeq).to.equal(3);
  });

  it('launch → 303 to the player, whose page carries the config: SCORM 2004, content, commit URL, first seq', async () => {
    const { path, attemptId, token } = await launchToPlayer(world, learner());
    const res = await request(world.app).get(path);
    expect(res.status, res.text).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['referrer-policy']).to.equal('no-referrer');
    const config = playerConfig(res.text);
    expect(config).to.include({
      lang: 'sv',
      scormVersion: '2004',
      attemptId,
      contentUrl: '/content/handledare/1.0.0/2004/index.html',
      commitUrl: `/api/attempts/${attemptId}/commit?token=${encodeURIComponent(token)}`,
      nextSeq: 1,
      exitUrl: null,
    });
    expect(config.course.title).to.equal('Handledarutbildning');
    expect(config.initialCmi).to.include({ 'cmi.entry': 'ab-initio', 'cmi.learner_name': 'Åsa Lärling' });
  });

  it('applies commits in order, answers repeated and older ones with success but never moves back, and resumes', async () => {
    const { path, attemptId, token } = await launchToPlayer(world, learner());
    const ok = { result: true, errorCode: 0 };
    expect((await commit(world, attemptId, token, 1, progressCmi(1)).expect(200)).body).to.deep.equal(ok);
    expect((await commit(world, attemptId, token, 3, progressCmi(3)).expect(200)).body).to.deep.equal(ok);
    expect((await commit(world, attemptId, token, 2, progressCmi(2)).expect(200)).body).to.deep.equal(ok);
    expect((await commit(world, attemptId, token, 3, progressCmi(9)).expect(200)).body).to.deep.equal(ok);
    const attempt = await stored(attemptId);
    expect(attempt.commitSeq).to.equal(3);
    expect(attempt.cmi['cmi.location']).to.equal('lesson-3');
    expect(attempt.completionStatus).to.equal('incomplete');
    // The beacon on unload: the same JSON as text/plain.
    await request(world.app)
      .post(`/api/attempts/${attemptId}/commit`)
      .query({ token })
      .set('content-type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ seq: 4, cmi: progressCmi(4) }))
      .expect(200);
    expect((await stored(attemptId)).cmi['cmi.location']).to.equal('lesson-4');
    const again = playerConfig((await request(world.app).get(path).expect(200)).text);
    expect(again.nextSeq).to.equal(5);
    expect(again.initialCmi).to.include({ 'cmi.location': 'lesson-4', 'cmi.entry': 'resume' });
  });

  it('ends with the highest commit when two tabs commit at once, in any order', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    const seqs = Array.from({ length: 16 }, (_, i) => ((i * 5) % 16) + 1);
    const answers = await Promise.all(
      seqs.map((seq) => commit(world, attemptId, token, seq, progressCmi(seq))),
    );
    expect(answers.map((res) => res.status)).to.deep.equal(seqs.map(() => 200));
    const attempt = await stored(attemptId);
    expect(attempt.commitSeq).to.equal(16);
    expect(attempt.cmi['cmi.location']).to.equal('lesson-16');
  });

  it('refuses bad tokens, other attempts and other tenants, oversize and invalid commits, storing nothing', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    await commit(world, attemptId, token, 1, progressCmi(1)).expect(200);
    const other = await launchToPlayer(world, learner());
    const refusals: [request.Response, number, string][] = [
      [await commit(world, attemptId, 'not-a-token', 2, progressCmi(2)), 401, 'ATTEMPT_TOKEN_INVALID'],
      [await commit(world, attemptId, '', 2, progressCmi(2)), 401, 'ATTEMPT_TOKEN_INVALID'],
      [await commit(world, attemptId, other.token, 2, progressCmi(2)), 403, 'ATTEMPT_TOKEN_MISMATCH'],
    ];
    const foreignOrg = await world.stores.organisations.create({ name: 'Annan förening' });
    const foreign = await signAttemptToken(
      world.secret,
      { attemptId, organisationId: foreignOrg.id, personId: other.attemptId },
      new Date(),
    );
    refusals.push([await commit(world, attemptId, foreign, 2, progressCmi(2)), 404, 'ATTEMPT_NOT_FOUND']);
    const forged = await signAttemptToken(
      new Uint8Array(32).fill(7),
      { attemptId, organisationId: world.launchWorld.organisation.id, personId: 'x' },
      new Date(),
    );
    refusals.push([await commit(world, attemptId, forged, 2, progressCmi(2)), 401, 'ATTEMPT_TOKEN_INVALID']);
    const big = { ...progressCmi(2), 'cmi.suspend_data': 'x'.repeat(300_000) };
    refusals.push([await commit(world, attemptId, token, 2, big), 413, 'ATTEMPT_COMMIT_TOO_LARGE']);
    refusals.push([
      await commit(world, attemptId, token, 2, { 'cmi.completion_status': 'almost', 'cmi.nonsense': 'x' }),
      422,
      'ATTEMPT_CMI_INVALID',
    ]);
    refusals.push([
      await request(world.app)
        .post(`/api/attempts/${attemptId}/commit`)
        .query({ token })
        .set('content-type', 'application/json')
        .send('{"seq": 0, "cmi": {}}'),
      400,
      'ATTEMPT_COMMIT_MALFORMED',
    ]);
    refusals.push([
      await request(world.app)
        .post(`/api/attempts/${attemptId}/commit`)
        .query({ token })
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('seq=2'),
      415,
      'ATTEMPT_COMMIT_MEDIA_UNSUPPORTED',
    ]);
    // The page refuses the same way, with an accessible page.
    const page = await request(world.app).get(`/play/${attemptId}`).query({ token: other.token });
    expect(page.status).to.equal(403);
    expect(page.text).to.contain('<html lang="sv">').and.contain('ATTEMPT_TOKEN_MISMATCH');
    world.clock.offsetMs = 13 * 3600 * 1000;
    refusals.push([await commit(world, attemptId, token, 2, progressCmi(2)), 401, 'ATTEMPT_TOKEN_EXPIRED']);
    for (const [res, status, code] of refusals) {
      expect(res.status, `${code}: ${res.text}`).to.equal(status);
      expect(res.body, `${code}: ${res.text}`).to.deep.include({ result: false, errorCode: 101 });
      expect((res.body as { error: { code: string } }).error.code).to.equal(code);
    }
    const invalid = refusals.find(([, , code]) => code === 'ATTEMPT_CMI_INVALID')![0];
    expect(
      (invalid.body as { error: { problems: { element: string }[] } }).error.problems.map((p) => p.element),
    ).to.include.members(['cmi.completion_status', 'cmi.nonsense']);
    const attempt = await stored(attemptId);
    expect(attempt.commitSeq).to.equal(1);
    expect(attempt.cmi['cmi.location']).to.equal('lesson-1');
  });

  it('writes a grade outbox row exactly when the AGS score changes, and only for a link with a line item', async () => {
    const graded = await launchToPlayer(world, learner(), {
      resourceLinkId: 'graded-link',
      claims: agsClaim(world),
    });
    const { attemptId, token } = graded;
    await commit(world, attemptId, token, 1, progressCmi(1)).expect(200);
    expect(await outboxCount(world, attemptId), 'first commit').to.equal(1);
    await commit(world, attemptId, token, 2, progressCmi(2)).expect(200);
    await commit(world, attemptId, token, 2, progressCmi(2)).expect(200);
    expect(await outboxCount(world, attemptId), 'same score').to.equal(1);
    const done = progressCmi(5, {
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '0.9',
      'cmi.exit': 'normal',
    });
    await commit(world, attemptId, token, 3, done).expect(200);
    expect(await outboxCount(world, attemptId), 'passed with a score').to.equal(2);
    // An LTI learner's first completion (no completion e-mail: the LMS tells its own learners).
    expect((await stored(attemptId)).completedAt).to.be.instanceOf(Date);
    expect(
      await world.database
        .knex('outbox')
        .where({ idempotency_key: `completion:${attemptId}` })
        .select('id'),
    ).to.have.length(0);
    const [message] = await world.database
      .knex('outbox')
      .where({ idempotency_key: `grade:${attemptId}:3` })
      .select<{ payload: unknown; ordering_key: string }[]>('payload', 'ordering_key');
    const raw = message?.payload;
    const payload = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      lineItemUrl: string;
      platformId: string;
      score: Record<string, unknown>;
    };
    expect(payload.lineItemUrl).to.equal(`${world.launchWorld.emulator.issuer}/lineitems/1`);
    expect(payload.platformId).to.equal(world.launchWorld.platform.id);
    expect(payload.score).to.include({ scoreGiven: 90, scoreMaximum: 100, activityProgress: 'Completed' });
    expect(message?.ordering_key).to.equal(`grade:${attemptId}`);

    const ungraded = await launchToPlayer(world, learner(), { resourceLinkId: 'ungraded-link' });
    await commit(world, ungraded.attemptId, ungraded.token, 1, done).expect(200);
    expect(await outboxCount(world, ungraded.attemptId), 'no line item').to.equal(0);
  });

  it('applies a commit whose attempt another instance moved since this one stored it, and ignores one it overtook', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner());
    await commit(world, attemptId, token, 1, progressCmi(1)).expect(200);
    // Another instance (or tab) commits seq 2 straight to the database.
    const knex = world.database.knex;
    await knex('attempts')
      .where({ id: attemptId })
      .update({ commit_seq: 2, cmi: JSON.stringify(progressCmi(2)) });
    await commit(world, attemptId, token, 3, progressCmi(3)).expect(200);
    expect((await stored(attemptId)).commitSeq).to.equal(3);
    expect((await stored(attemptId)).cmi['cmi.location']).to.equal('lesson-3');
    // It gets further (seq 5); this instance's seq 4 is then old: success, nothing moves back.
    await knex('attempts')
      .where({ id: attemptId })
      .update({ commit_seq: 5, cmi: JSON.stringify(progressCmi(5)) });
    await commit(world, attemptId, token, 4, progressCmi(4)).expect(200);
    expect((await stored(attemptId)).commitSeq).to.equal(5);
    expect((await stored(attemptId)).cmi['cmi.location']).to.equal('lesson-5');
  });

  it('writes the grade row from the stored link even when the link changed after the previous commit', async () => {
    const { attemptId, token } = await launchToPlayer(world, learner(), {
      resourceLinkId: 'relinked-link',
      claims: agsClaim(world),
    });
    const knex = world.database.knex;
    const link = (await stored(attemptId)).ltiResourceLinkId;
    expect(link).to.be.a('string');
    // The first commit is stored while the attempt has no link; then it gets one back (as a relaunch does).
    await knex('attempts').where({ id: attemptId }).update({ lti_resource_link_id: null });
    await commit(world, attemptId, token, 1, progressCmi(1)).expect(200);
    expect(await outboxCount(world, attemptId), 'no link, no grade').to.equal(0);
    await knex('attempts').where({ id: attemptId }).update({ lti_resource_link_id: link });
    const passed = progressCmi(5, {
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '0.8',
      'cmi.exit': 'normal',
    });
    await commit(world, attemptId, token, 2, passed).expect(200);
    expect(await outboxCount(world, attemptId), 'graded through the link stored now').to.equal(1);
  });

  it('resumes the attempt on a compatible version and starts a new one when trackingMajor changes', async () => {
    const slug = `versioner-${Date.now()}`;
    const outline = {
      title: 'Versionskurs',
      masteryScore: 80,
      lessons: [{ id: 'v1', title: 'Lektion', minutes: 5 }],
    };
    const register = (version: string, trackingMajor: number) =>
      world.stores.courses.registerVersion({
        courseSlug: slug,
        courseTitle: 'Versionskurs',
        version,
        trackingMajor,
        contentHash: `sha256-${version}`,
        outline,
      });
    await register('1.0.0', 1);
    const user = learner();
    const first = await launchToPlayer(world, user, { course: slug });
    await commit(world, first.attemptId, first.token, 1, progressCmi(1)).expect(200);
    const patch = await register('1.0.1', 1);
    const resumed = await launchToPlayer(world, user, { course: slug });
    expect(resumed.attemptId).to.equal(first.attemptId);
    expect((await stored(first.attemptId)).courseVersionId).to.equal(patch.id);
    const config = playerConfig((await request(world.app).get(resumed.path).expect(200)).text);
    expect(config.contentUrl).to.equal(`/content/${slug}/1.0.1/2004/index.html`);
    expect(config.nextSeq).to.equal(2);
    const major = await register('2.0.0', 2);
    const fresh = await launchToPlayer(world, user, { course: slug });
    expect(fresh.attemptId).to.not.equal(first.attemptId);
    expect(await stored(fresh.attemptId)).to.include({
      courseVersionId: major.id,
      commitSeq: 0,
      scormVersion: '2004',
    });
    expect((await stored(first.attemptId)).commitSeq, 'the old attempt is kept').to.equal(1);
  });
});
