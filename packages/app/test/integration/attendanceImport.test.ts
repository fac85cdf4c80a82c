import type { Database } from '@kompetenta/storage';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

const GOOD_CSV = [
  '\uFEFFNamn;E-post;Organisation;Roll;Kön;Samtycke;Kommun',
  'Anna Berg;anna@example.se;Föreningen Gemenskap;handledare;kvinna;ja;Umeå',
  'Bo Ek;bo@example.se;;Styrelseledamot/förtroendevald;Vill ej uppge;ja;2480',
  'Cia Al;cia@example.se;;anställd;;;',
].join('\r\n');

/** Everything an import may touch, with timestamps, so "nothing changed" is checked exactly. */
async function snapshot(db: Database, organisationId: string, eventIds: string[]) {
  const people = await db.stores.people.list(organisationId);
  const profiles = await Promise.all(people.map((p) => db.stores.profiles.get(p.id)));
  const attendance = await Promise.all(eventIds.map((id) => db.stores.events.listAttendance(id)));
  return { people, profiles, attendance };
}

describeCliOnEachEngine('kompetenta attendance import', (database) => {
  let organisationId = '';
  let eventId = '';
  let seminarId = '';
  const file = (name: string, content: string | Buffer) => {
    const path = join(database().dataDir, name);
    writeFileSync(path, content);
    return path;
  };
  const importFile = (path: string, event = eventId) =>
    runCliCapturing(
      ['attendance', 'import', path, '--event', event, '--organisation', 'föreningen gemenskap'],
      database().env,
    );
  const state = () => database().inspect((db) => snapshot(db, organisationId, [eventId, seminarId]));

  before(async () => {
    await database().inspect(async (db) => {
      organisationId = (await db.stores.organisations.create({ name: 'Föreningen Gemenskap' })).id;
      const at = (iso: string) => ({ startsAt: new Date(iso), hours: 3 });
      eventId = (
        await db.stores.events.create({ type: 'natverkstraff', title: 'Träff', ...at('2026-03-12T08:00Z') })
      ).id;
      seminarId = (
        await db.stores.events.create({
          type: 'jamstalldhetsseminarium',
          title: 'Seminarium',
          ...at('2026-04-02T08:00Z'),
        })
      ).id;
    });
  });

  it('reports every problem of a bad file with its row and column, and stores nothing', async () => {
    const bad = file(
      'bad.csv',
      ['namn,e-post,roll,kön,samtycke', 'Anna,anna@,chef,kvinna,nej', ',bo@example.se,,hen,ja'].join('\n'),
    );
    const { status, out, err } = await importFile(bad);
    expect(status).to.equal(1);
    expect(out).to.deep.equal([]);
    expect(err).to.deep.equal([
      'bad.csv: row 2, e-post: "anna@" is not an e-mail address',
      'bad.csv: row 2, roll: "chef" is not one of handledare, anstalld, styrelseledamot, arbetsformedlingen, kommun, forsakringskassan, ovrig (or empty)',
      'bad.csv: row 2, kön: is given without consent (samtycke: ja)',
      'bad.csv: row 3, namn: is empty; every row needs a name',
      'bad.csv: row 3, kön: "hen" is not one of kvinna, man, annat, vill ej uppge (or empty)',
      'kompetenta: The roster has 5 problem(s) in 2 row(s); nothing was imported. [EVENT_ROSTER_INVALID]',
    ]);
    expect((await state()).people).to.deep.equal([]);
  });

  it('imports nothing from a mixed file whose last row alone is bad', async () => {
    const mixed = file('mixed.csv', `${GOOD_CSV}\r\nDan;dan@example.se;Annan förening;;;;\r\n`);
    const { status, err } = await importFile(mixed);
    expect(status).to.equal(1);
    expect(err[0]).to.equal(
      'mixed.csv: row 5, Organisation: "Annan förening" is not Föreningen Gemenskap, the organisation imported into',
    );
    const after = await state();
    expect(after.people).to.deep.equal([]);
    expect(after.attendance).to.deep.equal([[], []]);
  });

  it('imports a good CSV in one go: people, their self-reported profile, attendance from the roster', async () => {
    const { status, out, err } = await importFile(file('good.csv', GOOD_CSV));
    expect(status, err.join('\n')).to.equal(0);
    expect(out).to.deep.equal([
      'Imported good.csv into "Träff" (2026-03-12 09:00) for Föreningen Gemenskap: 3 people (3 new, 0 already known), 3 attendances recorded (0 already recorded), 3 profiles updated.',
    ]);
    const { people, profiles, attendance } = await state();
    expect(people.map((p) => [p.name, p.email])).to.have.deep.members([
      ['Anna Berg', 'anna@example.se'],
      ['Bo Ek', 'bo@example.se'],
      ['Cia Al', 'cia@example.se'],
    ]);
    const profileOf = (name: string) => profiles[people.findIndex((p) => p.name === name)]!;
    expect(profileOf('Anna Berg')).to.include({
      role: 'handledare',
      gender: 'kvinna',
      municipalityCode: '2480',
    });
    expect(profileOf('Anna Berg').consentAt).to.be.instanceOf(Date);
    expect(profileOf('Bo Ek')).to.include({ role: 'styrelseledamot', gender: 'vill_ej_uppge' });
    expect(profileOf('Cia Al')).to.include({ role: 'anstalld', gender: null, consentAt: null });
    expect(attendance[0]!.map((a) => a.source)).to.deep.equal(['roster', 'roster', 'roster']);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await state();
    const { status, out } = await importFile(file('good.csv', GOOD_CSV));
    expect(status).to.equal(0);
    expect(out[0]).to.contain(
      '3 people (0 new, 3 already known), 0 attendances recorded (3 already recorded), 0 profiles updated.',
    );
    expect(await state()).to.deep.equal(before);
  });

  it('imports the first sheet of an XLSX roster, recognising known people by e-mail', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Närvaro');
    sheet.addRow(['namn', 'e-post', 'kön', 'samtycke']);
    sheet.addRow([
      'Anna Berg',
      { text: 'ANNA@example.se', hyperlink: 'mailto:anna@example.se' },
      'man',
      'ja',
    ]);
    sheet.addRow(['Eva Lund', 'eva@example.se', 'kvinna', 'ja']);
    const path = file('seminarium.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const { status, out, err } = await importFile(path, seminarId);
    expect(status, err.join('\n')).to.equal(0);
    expect(out).to.deep.equal([
      'Imported seminarium.xlsx into "Seminarium" (2026-04-02 10:00) for Föreningen Gemenskap: 2 people (1 new, 1 already known), 2 attendances recorded (0 already recorded), 1 profiles updated.',
      '1 people have recorded another gender themselves; theirs is kept (staff cannot change it).',
    ]);
    const { people, profiles, attendance } = await state();
    expect(people).to.have.length(4);
    expect(profiles[people.findIndex((p) => p.name === 'Anna Berg')]).to.include({ gender: 'kvinna' });
    expect(attendance[1]).to.have.length(2);
  });

  it('names a missing file and an unknown event', async () => {
    const missing = await importFile(join(database().dataDir, 'nope.csv'));
    expect(missing.err[0]).to.match(
      /^kompetenta: Cannot read .*nope\.csv: there is no such file\. \[EVENT_ROSTER_UNREADABLE\]$/,
    );
    const unknown = await importFile(file('good.csv', GOOD_CSV), '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).to.equal(1);
    expect(unknown.err[0]).to.contain('[STORE_RECORD_NOT_FOUND]');
  });
});
