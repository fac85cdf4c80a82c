import { expect } from 'chai';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

describeCliOnEachEngine('kompetenta org and staff', (database) => {
  const run = (argv: string[]) => runCliCapturing(argv, database().env);

  it('adds and lists an organisation, makes an admin once (one invitation mail), audited', async () => {
    const added = await run(['org', 'add', '--name', 'Byalaget Norrgården', '--kind', 'forening']);
    expect(added.status, added.err.join('\n')).to.equal(0);
    const id = /^Created organisation (\S+) "Byalaget Norrgården"\.$/.exec(added.out[0]!)?.[1];
    expect(id, added.out[0]).to.be.a('string');
    expect((await run(['org', 'list'])).out.join('\n')).to.match(
      new RegExp(`${id!} +forening +Byalaget Norrgården`),
    );

    const admin = [
      'org',
      'admin',
      'add',
      '--org',
      'byalaget norrgården',
      '--email',
      'asa@norrgarden.se',
      '--name',
      'Åsa Berg',
    ];
    const first = await run(admin);
    expect(first.status, first.err.join('\n')).to.equal(0);
    expect(first.out[0]).to.equal(
      'Åsa Berg is an admin of Byalaget Norrgården. A sign-in link is on its way.',
    );
    expect((await run(admin)).out[0]).to.match(/They were invited before/);
    const stored = await database().inspect(async (db) => {
      const [person] = await db.stores.access.findPeopleByEmail('asa@norrgarden.se');
      return {
        access: await db.stores.access.accessOf(person!.id),
        mails: (await db.stores.outbox.list({ topic: 'mail' })).filter(
          (m) => m.idempotencyKey === `invitation:${person!.id}`,
        ),
        audit: await db.stores.audit.list({ action: 'access.grant.org_admin' }),
      };
    });
    expect(stored.access).to.equal('org_admin');
    expect(stored.mails).to.have.length(1);
    expect(stored.mails[0]!.payload).to.deep.include({ template: 'invitation' });
    expect(stored.audit).to.have.length(2);
  });

  it('adds programme staff to the one programme organisation and refuses bad input', async () => {
    const staff = await run(['staff', 'add', '--email', 'kansli@program.se', '--name', 'Karin Kansli']);
    expect(staff.status, staff.err.join('\n')).to.equal(0);
    expect(staff.out[0]).to.match(/^Karin Kansli is programme staff \(Programmets kansli\)\./);
    const access = await database().inspect(async (db) => {
      const [person] = await db.stores.access.findPeopleByEmail('kansli@program.se');
      const programme = await db.stores.access.programmeOrganisation();
      return {
        access: await db.stores.access.accessOf(person!.id),
        same: person!.organisationId === programme.id,
      };
    });
    expect(access).to.deep.equal({ access: 'programme_staff', same: true });
    const bad = await run(['staff', 'add', '--email', 'inte-en-adress', '--name', '']);
    expect(bad.status).to.equal(2);
    expect(bad.err.join('\n')).to.match(/--email "inte-en-adress" is not an e-mail address; --name must be/);
    expect((await run(['org', 'add', '--name', 'X', '--kind', 'klubb'])).status).to.equal(2);
    expect(
      (await run(['org', 'admin', 'add', '--org', 'okänd', '--email', 'a@b.se', '--name', 'A'])).status,
    ).to.equal(1);
  });
});
