import type { Gender } from '@kompetenta/core';
import type { Database } from '@kompetenta/storage';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

/** `count` people of one gender at the event, each with consent. */
async function attend(
  db: Database,
  organisationId: string,
  eventId: string,
  gender: Gender | null,
  count: number,
) {
  for (let i = 0; i < count; i++) {
    const person = await db.stores.people.upsertByEmail({
      organisationId,
      email: `${eventId.slice(0, 8)}-${gender ?? 'okand'}-${i}@example.se`,
      name: `Deltagare ${i}`,
    });
    if (gender)
      await db.stores.profiles.set(person.id, { gender, role: 'handledare', consentAt: new Date() });
    await db.stores.events.recordAttendance({ eventId, personId: person.id, source: 'staff' });
  }
}

describeCliOnEachEngine('kompetenta export', (database) => {
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliCapturing(['export', ...argv], { ...database().env, ...env });

  before(async () => {
    await database().inspect(async (db) => {
      const gemenskap = (await db.stores.organisations.create({ name: 'Föreningen Gemenskap' })).id;
      const event = (type: 'natverkstraff' | 'inspirationstraff', iso: string) =>
        db.stores.events.create({ type, title: type, startsAt: new Date(iso), hours: 3 });
      const meeting = await event('natverkstraff', '2026-03-12T08:00:00Z');
      const inspiration = await event('inspirationstraff', '2026-04-20T08:00:00Z');
      const late = await event('natverkstraff', '2026-09-01T08:00:00Z');
      await attend(db, gemenskap, meeting.id, 'kvinna', 8);
      await attend(db, gemenskap, meeting.id, 'man', 6);
      await attend(db, gemenskap, inspiration.id, 'kvinna', 7);
      await attend(db, gemenskap, inspiration.id, 'man', 2);
      await attend(db, gemenskap, late.id, 'kvinna', 9);
    });
  });

  it('writes a suppressed report as semicolon CSV to a file, and audits it with its filter and row count', async () => {
    const out = join(database().dataDir, 'narvaro.csv');
    const {
      status,
      out: printed,
      err,
    } = await run([
      'attendance-by-event-type',
      '--semicolon',
      '--to',
      '2026-06-30',
      '--organisation',
      'föreningen gemenskap',
      '--out',
      out,
    ]);
    expect(status, err.join('\n')).to.equal(0);
    expect(printed).to.deep.equal([`Exported 3 rows of attendance-by-event-type as CSV to ${out}.`]);
    // Män 2 at the inspiration meeting is below 5; the cells beside it hide so no total gives it away.
    expect(readFileSync(out, 'utf8')).to.equal(
      '\uFEFF' +
        [
          'Aktivitetstyp;Kvinnor;Män;Annat;Vill ej uppge;Ej registrerat;Totalt',
          'Inspirationsträff;..;..;0;0;0;9',
          'Nätverksträff;..;..;0;0;0;14',
          'Totalt;15;8;0;0;0;23',
        ].join('\r\n') +
        '\r\n',
    );
    expect(existsSync(`${out}.part`)).to.equal(false);
    const [entry, ...more] = await database().inspect((db) =>
      db.stores.audit.list({ action: 'export.attendance-by-event-type' }),
    );
    expect(more).to.deep.equal([]);
    const organisationId = await database().inspect(
      async (db) => (await db.stores.organisations.list())[0]!.id,
    );
    expect(entry).to.deep.include({
      actor: 'cli',
      action: 'export.attendance-by-event-type',
      organisationId,
    });
    expect(entry!.details).to.deep.equal({
      format: 'csv',
      destination: out,
      filter: { to: '2026-06-30T22:00:00.000Z', organisationId }, // the whole of 30 June, Swedish time
      rows: 3,
      threshold: 5,
    });
  });

  it('streams CSV to standard output, the summary on stderr, within a period', async () => {
    const { status, out, err } = await run(['attendance-by-event-type', '--from', '2026-09-01']);
    expect(status, err.join('\n')).to.equal(0);
    expect(out).to.deep.equal([
      '\uFEFFAktivitetstyp,Kvinnor,Män,Annat,Vill ej uppge,Ej registrerat,Totalt',
      'Nätverksträff,9,0,0,0,0,9',
      'Totalt,9,0,0,0,0,9',
    ]);
    expect(err).to.deep.equal(['Exported 2 rows of attendance-by-event-type as CSV.']);
  });

  it('exports pseudonymous participants as XLSX with a key kept in DATA_DIR, the same ids each time', async () => {
    const ids = async (name: string) => {
      const out = join(database().dataDir, name);
      const { status, err } = await run(['participants', '--out', out]);
      expect(status, err.join('\n')).to.equal(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
      expect(rows.flat().join(' ')).not.to.contain('@');
      return rows.slice(1).map((row) => String(row[1]));
    };
    const first = await ids('deltagare.xlsx');
    expect(first).to.have.length(32);
    expect(new Set(first).size).to.equal(32);
    expect(
      readFileSync(join(database().dataDir, 'secrets', 'report-pseudonym.key'), 'utf8').trim().length,
    ).to.be.at.least(32);
    expect(await ids('deltagare-igen.xlsx')).to.deep.equal(first);
    const audit = await database().inspect((db) => db.stores.audit.list({ action: 'export.participants' }));
    expect(audit.map((entry) => entry.details.rows)).to.deep.equal([32, 32]);
  });

  it('refuses an unknown report, XLSX to the terminal and participants without a key in production; nothing is audited', async () => {
    const unknown = await run(['attendance-by-colour']);
    expect(unknown.status).to.equal(1);
    expect(unknown.err[0]).to.match(
      /^kompetenta: There is no report attendance-by-colour; the reports are completion-by-course, .*, attendance-by-year and participants\. \[REPORT_NAME_UNKNOWN\]$/,
    );
    const xlsx = await run(['completion-by-course', '--format', 'xlsx']);
    expect(xlsx.status).to.equal(2);
    expect(xlsx.err).to.deep.equal([
      'kompetenta: An XLSX export is a binary file: give --out <file.xlsx>. [APP_USAGE_INVALID]',
    ]);
    const production = await run(['participants'], {
      NODE_ENV: 'production',
      LTI_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(production.status).to.equal(1);
    expect(production.err[0])
      .to.contain('REPORT_PSEUDONYM_KEY')
      .and.contain('[REPORT_PSEUDONYM_KEY_MISSING]');
    const audit = await database().inspect((db) => db.stores.audit.list());
    expect(
      audit.map((entry) => entry.action).filter((action) => !action.startsWith('export.')),
    ).to.deep.equal([]);
    expect(audit.filter((entry) => entry.action === 'export.participants')).to.have.length(2);
  });
});
