import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

const HOUR = 3_600_000;

describeCliOnEachEngine('kompetenta event invite', (database) => {
  const run = (argv: string[]) =>
    runCliCapturing(['event', 'invite', ...argv], {
      ...database().env,
      PUBLIC_URL: 'https://kurser.example.se',
    });

  it('invites an organisation and a list through the outbox, once per address, and refuses bad input whole', async () => {
    const { eventId, organisationId } = await database().inspect(async ({ stores }) => {
      const event = await stores.events.create({
        type: 'inspirationstraff',
        title: 'Inspirationsträff i Skellefteå',
        startsAt: new Date(Date.now() + 48 * HOUR),
        hours: 2,
      });
      const organisation = await stores.organisations.create({ name: 'Bygdegården Ytterby' });
      await stores.people.upsertByEmail({
        organisationId: organisation.id,
        email: 'a@example.se',
        name: 'Alva',
      });
      return { eventId: event.id, organisationId: organisation.id };
    });
    const list = join(database().dataDir, 'list.csv');
    writeFileSync(list, 'e-post;namn\nb@example.se;Berit\nA@EXAMPLE.SE;Alva\n');

    const byOrg = await run([eventId, '--org', 'bygdegården ytterby']);
    expect(byOrg.status, byOrg.err.join('\n')).to.equal(0);
    expect(byOrg.out).to.deep.equal([
      `Invited 1 person to event ${eventId} (anyone invited before is not mailed again).`,
    ]);
    expect((await run([eventId, '--file', list])).status).to.equal(0);

    const bad = join(database().dataDir, 'bad.csv');
    writeFileSync(bad, 'c@example.se\nno address here\n');
    const refused = await run([eventId, '--file', bad]);
    expect(refused.status).to.equal(1);
    expect(refused.err.join('\n'))
      .to.include('row 2: Raden saknar e-postadress')
      .and.include('[EVENT_INVITATION_INVALID]');
    expect((await run(['no-such-event', '--org', organisationId])).err.join('\n')).to.include(
      'there is no event no-such-event',
    );
    expect((await run([eventId])).err.join('\n')).to.include(
      'Give --org <organisation>, --file <list>, or both.',
    );

    const rows = await database().inspect(({ stores }) => stores.outbox.list({ topic: 'mail', limit: 1000 }));
    const invitations = rows.filter((row) => row.idempotencyKey.startsWith(`event-invitation:${eventId}:`));
    expect(invitations.map((row) => row.idempotencyKey).sort()).to.deep.equal([
      `event-invitation:${eventId}:a@example.se`,
      `event-invitation:${eventId}:b@example.se`,
    ]);
    const data = invitations[0]!.payload.data as { eventUrl: string; location: string };
    expect(data.eventUrl).to.match(/^https:\/\/kurser\.example\.se\/checkin\/[\w.-]+$/);
    expect(data.location).to.equal('Platsen meddelas senare');
  });
});
