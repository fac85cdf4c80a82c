import { expect } from 'chai';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

describeCliOnEachEngine('kompetenta event', (database) => {
  const run = (argv: string[]) => runCliCapturing(['event', ...argv], database().env);

  it('names every bad option at once and stores nothing', async () => {
    const { status, out, err } = await run([
      'add',
      '--type',
      'fika',
      '--starts',
      '2026-02-30T09:00',
      '--hours',
      '0',
      '--municipality',
      '9999',
      '--parent',
      'not-an-event',
    ]);
    expect(status).to.equal(1);
    expect(out).to.deep.equal([]);
    expect(err).to.have.length(1);
    expect(err[0]).to.equal(
      'kompetenta: The event is not valid: --type fika is not one of natverkstraff, anordnartraff, interregional_natverkstraff, inspirationstraff, utbildningstillfalle, jamstalldhetsseminarium, tillganglighetsseminarium; ' +
        '--title is required; --starts 2026-02-30T09:00 is not a date and time such as 2026-03-12T09:00; ' +
        '--hours 0 is not a number of hours above 0 and at most 100; ' +
        "--municipality 9999 is not an SCB kommunkod (e.g. 2480) or a kommun's name; " +
        '--parent not-an-event is not a known event id. [EVENT_INPUT_INVALID]',
    );
    expect(await database().inspect((db) => db.stores.events.list())).to.deep.equal([]);
  });

  it('adds events in Swedish local time, with a parent, and lists them within a period', async () => {
    const meeting = await run([
      'add',
      '--type',
      'Nätverksträff',
      '--title',
      'Nätverksträff i Umeå',
      '--starts',
      '2026-03-12T09:00',
      '--hours',
      '6',
      '--place',
      'Folkets hus',
      '--municipality',
      'Umeå',
      '--organiser',
      'Hela Sverige ska leva',
    ]);
    expect(meeting.status, meeting.err.join('\n')).to.equal(0);
    const id = /Added event (\S+):/.exec(meeting.out[0]!)?.[1];
    expect(meeting.out[0]).to.equal(
      `Added event ${id}: Nätverksträff "Nätverksträff i Umeå" 2026-03-12 09:00, 6 h, Folkets hus, Umeå (2480).`,
    );
    const seminar = await run([
      'add',
      '--type',
      'tillganglighetsseminarium',
      '--title',
      'Tillgängliga möten',
      '--starts',
      '2026-03-12T13:00',
      '--hours',
      '1,5',
      '--parent',
      id!,
    ]);
    expect(seminar.status, seminar.err.join('\n')).to.equal(0);
    await run([
      'add',
      '--type',
      'inspirationstraff',
      '--title',
      'Senare',
      '--starts',
      '2026-04-01',
      '--hours',
      '2',
    ]);

    const stored = await database().inspect((db) => db.stores.events.list());
    expect(stored.map((e) => [e.type, e.startsAt.toISOString(), e.hours, e.parentEventId])).to.deep.equal([
      ['natverkstraff', '2026-03-12T08:00:00.000Z', 6, null],
      ['tillganglighetsseminarium', '2026-03-12T12:00:00.000Z', 1.5, id],
      ['inspirationstraff', '2026-03-31T22:00:00.000Z', 2, null],
    ]);

    const list = await run(['list', '--from', '2026-03-01', '--to', '2026-03-31']);
    expect(list.status).to.equal(0);
    expect(list.out).to.have.length(3);
    expect(list.out[0]).to.match(/^id\s+starts \(Stockholm\)\s+type\s+hours\s+where\s+title$/);
    expect(list.out[1])
      .to.contain(id)
      .and.contain('2026-03-12 09:00')
      .and.match(/Folkets hus, Umeå \(2480\)\s+Nätverksträff i Umeå$/);
    expect(list.out[2]).to.contain('tillganglighetsseminarium').and.contain('1.5');
    const bad = await run(['list', '--from', 'igår']);
    expect(bad.err).to.deep.equal([
      'kompetenta: The period is not valid: --from igår is not a date such as 2026-01-01. [REPORT_FILTER_INVALID]',
    ]);
  });
});
