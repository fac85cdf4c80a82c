import { LTI_CLAIMS } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { createLaunchWorld, launchThrough, learner, type LaunchWorld } from './launchHarness';

describeEachEngine('LTI event link: attendance for an online seminar', (database) => {
  let world: LaunchWorld;
  before(async () => {
    world = await createLaunchWorld(database());
  });
  after(() => world.close());

  it('records attendance for the launching person once and shows a confirmation', async () => {
    const stores = database().stores;
    const event = await stores.events.create({
      type: 'jamstalldhetsseminarium',
      title: 'Jämställdhetsseminarium på distans',
      startsAt: new Date('2026-04-15T08:00:00Z'),
      hours: 2,
    });
    const user = learner();
    const plan = {
      user,
      resourceLinkId: 'seminar-link',
      claims: { [LTI_CLAIMS.custom]: { event: event.id } },
    };
    world.emulator.prepareLaunch('hint-event', plan);
    const first = await launchThrough(world, request.agent(world.app), 'hint-event');
    expect(first.status, first.text).to.equal(200);
    expect(first.headers['cache-control']).to.equal('no-store');
    expect(first.text)
      .to.include('Din närvaro är registrerad')
      .and.include('Vi har registrerat att du deltar i');
    expect(first.text).to.include('Jämställdhetsseminarium på distans').and.include('<html lang="sv">');
    world.emulator.prepareLaunch('hint-event-again', plan);
    const again = await launchThrough(world, request.agent(world.app), 'hint-event-again');
    expect(again.status).to.equal(200);
    expect(again.text).to.include('Du var redan registrerad för');
    const attendance = await stores.events.listAttendance(event.id);
    expect(attendance).to.have.length(1);
    expect(attendance[0]!.source).to.equal('lti');
    const person = await stores.people.get(world.organisation.id, attendance[0]!.personId);
    expect(person.ltiSubject).to.equal(user.sub);
  });

  it('refuses a link naming an unknown event and stores nothing', async () => {
    const before = await world.peopleCount();
    world.emulator.prepareLaunch('hint-no-event', {
      user: { ...learner(), sub: 'nobody-yet' },
      claims: { [LTI_CLAIMS.custom]: { event: '00000000-0000-4000-8000-000000000000' } },
    });
    const res = await launchThrough(world, request.agent(world.app), 'hint-no-event');
    expect(res.status).to.equal(404);
    expect(await world.peopleCount()).to.equal(before);
  });
});
