import { LTI_CLAIMS, type Platform } from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp, type RosterMember } from '../../src/index';
import { instructor, launchThrough, learner, PUBLIC_URL } from './launchHarness';
import { commit, createPlayerWorld, launchToPlayer, progressCmi, type PlayerWorld } from './playerHarness';

/** The chooser form's action and hidden token. */
function chooserForm(html: string): { action: string; token: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !token) throw new Error('no chooser form on the page');
  return { action: new URL(action).pathname, token };
}

describeEachEngine('teacher chooses the course of a link; staff course overview', (database) => {
  let world: PlayerWorld;
  before(async () => {
    world = await createPlayerWorld(database());
  });
  after(() => world.close());

  const chosenSlug = async (resourceLinkId: string) =>
    (
      await database()
        .knex('lti_resource_links')
        .where({ resource_link_id: resourceLinkId })
        .first<{ course_slug: string | null } | undefined>('course_slug')
    )?.course_slug;
  const linkCount = async (resourceLinkId: string) =>
    (await database().knex('lti_resource_links').where({ resource_link_id: resourceLinkId })).length;

  it('shows learners a clear page until the teacher has chosen, storing nothing; the teacher chooses; then learners play', async () => {
    const emulator = world.launchWorld.emulator;
    const student = learner();
    const peopleBefore = await world.launchWorld.peopleCount();
    emulator.prepareLaunch('hint-no-course', { user: student, resourceLinkId: 'unchosen-link' });
    const early = await launchThrough(world.launchWorld, request.agent(world.app), 'hint-no-course');
    expect(early.status).to.equal(409);
    expect(early.text).to.contain('Din lärare har inte valt kurs än').and.contain('<html lang="sv">');
    expect(await world.launchWorld.peopleCount(), 'nothing stored').to.equal(peopleBefore);
    expect(await linkCount('unchosen-link')).to.equal(0);

    emulator.prepareLaunch('hint-teacher-choose', { user: instructor(), resourceLinkId: 'unchosen-link' });
    const chooser = await launchThrough(world.launchWorld, request.agent(world.app), 'hint-teacher-choose');
    expect(chooser.status, chooser.text).to.equal(200);
    expect(chooser.text).to.contain('<fieldset>').and.contain('<legend>').and.contain('Handledarutbildning');
    const form = chooserForm(chooser.text);

    const forged = await request(world.app)
      .post(form.action)
      .type('form')
      .send({ token: 'x', course: 'handledare' });
    expect(forged.status).to.equal(400);
    expect(forged.text).to.contain('LTI_COURSE_CHOICE_INVALID');
    const none = await request(world.app)
      .post(form.action)
      .type('form')
      .send({ token: form.token, course: 'finns-inte' });
    expect(none.status).to.equal(422);
    expect(none.text).to.contain('role="alert"');
    expect(await chosenSlug('unchosen-link')).to.equal(null);

    const chosen = await request(world.app)
      .post(form.action)
      .type('form')
      .send({ token: form.token, course: 'handledare' });
    expect(chosen.status, chosen.text).to.equal(200);
    expect(chosen.text).to.contain('Kursöversikt: Handledarutbildning');
    expect(await chosenSlug('unchosen-link')).to.equal('handledare');

    const played = await launchToPlayer(world, student, {
      resourceLinkId: 'unchosen-link',
      course: undefined,
    });
    expect(played.attemptId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('lists each learner with status, score and time, and from the roster those who have not started', async () => {
    const started = { ...learner(), name: 'Berit Började' };
    const { attemptId, token } = await launchToPlayer(world, started, { resourceLinkId: 'roster-link' });
    await commit(
      world,
      attemptId,
      token,
      1,
      progressCmi(1, { 'cmi.score.scaled': '0.5', 'cmi.total_time': 'PT10M' }),
    ).expect(200);
    const waiting = { ...learner(), name: 'Nils Ännuinte' };
    const roster: RosterMember[] = [started, waiting, { ...instructor(), name: 'Lärare Listad' }].map(
      (user) => ({
        user_id: user.sub,
        status: 'Active',
        name: user.name,
        roles: user.roles,
      }),
    );
    const asked: string[] = [];
    const nrps = `${world.launchWorld.emulator.issuer}/nrps/context-1`;
    const appWith = (services: { roster(platform: Platform, url: string): Promise<RosterMember[]> }) =>
      createApp(
        {
          stores: database().stores,
          lti: createLtiStores(database().knex, { encryptionKey: randomBytes(32) }),
          logger: world.launchWorld.logger,
          attemptTokenSecret: world.secret,
          platformServices: services,
        },
        { publicUrl: PUBLIC_URL, jwksCooldownMs: 0 },
      );
    const teacherLaunch = async (app: ReturnType<typeof appWith>, hint: string) => {
      world.launchWorld.emulator.prepareLaunch(hint, {
        user: instructor(),
        course: 'handledare',
        resourceLinkId: 'roster-link',
        claims: { [LTI_CLAIMS.nrpsService]: { context_memberships_url: nrps, service_versions: ['2.0'] } },
      });
      return launchThrough(world.launchWorld, request.agent(app), hint);
    };
    const ok = await teacherLaunch(
      appWith({
        roster: (_platform, url) => {
          asked.push(url);
          return Promise.resolve(roster);
        },
      }),
      'hint-roster',
    );
    expect(ok.status, ok.text).to.equal(200);
    expect(asked).to.deep.equal([nrps]);
    expect(ok.text).to.match(
      /<td>Berit Började<\/td>\s*<td>Påbörjad<\/td>\s*<td>50 %<\/td>\s*<td>10 min<\/td>\s*<td>1<\/td>/,
    );
    expect(ok.text).to.match(/<td>Nils Ännuinte<\/td>\s*<td>Inte påbörjad<\/td>\s*<td>–<\/td>/);
    expect(ok.text).not.to.contain('Lärare Listad');
    expect(ok.text).to.contain('visar även de som inte har börjat');

    const failing = await teacherLaunch(
      appWith({ roster: () => Promise.reject(new Error('the platform answered 503')) }),
      'hint-roster-down',
    );
    expect(failing.status).to.equal(200);
    expect(failing.text).to.contain('Deltagarlistan från lärplattformen kunde inte hämtas');
    expect(failing.text).to.contain('Berit Början'.slice(0, 5)).and.not.contain('Nils Ännuinte');
  });
});
