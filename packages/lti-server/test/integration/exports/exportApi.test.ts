import { pseudonymousId } from '@kompetenta/storage';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { binary, exportApp, seedExportWorld, TEST_PSEUDONYM_KEY, type ExportWorld } from './exportWorld';

const bytes = (res: request.Response): Buffer => res.body as Buffer;

describeEachEngine('export API', (database) => {
  let world: ExportWorld;
  let app: Express;
  before(async () => {
    world = await seedExportWorld(database());
    app = exportApp(database());
  });
  const get = (path: string, secret?: string) => {
    const req = request(app).get(path).buffer(true).parse(binary);
    return secret ? req.set('Authorization', `Bearer ${secret}`) : req;
  };

  it("streams an organisation's suppressed report as semicolon CSV with a BOM, and audits it", async () => {
    const res = await get(
      '/api/exports/attendance-by-event-type.csv?to=2026-06-30&separator=semicolon',
      world.tokens.gemenskap,
    ).expect(200);
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).to.match(
      /^attachment; filename="attendance-by-event-type-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).to.equal('no-store');
    // Män 2 at the inspiration meeting is below 5; the cells beside it hide so no total gives it away.
    expect(bytes(res).toString('utf8')).to.equal(
      '\uFEFF' +
        [
          'Aktivitetstyp;Kvinnor;Män;Annat;Vill ej uppge;Ej registrerat;Totalt',
          'Inspirationsträff;..;..;0;0;0;9',
          'Nätverksträff;..;..;0;0;0;14',
          'Totalt;15;8;0;0;0;23',
        ].join('\r\n') +
        '\r\n',
    );
    const [entry] = await database().stores.audit.list({
      action: 'export.attendance-by-event-type',
      limit: 1,
    });
    expect(entry).to.include({ actor: `token:${world.tokenIds.gemenskap}`, organisationId: world.gemenskap });
    expect(entry?.details).to.deep.equal({
      via: 'token',
      name: 'Gemenskaps rapport',
      format: 'csv',
      filter: { to: '2026-07-01T00:00:00.000Z', organisationId: world.gemenskap },
      rows: 3,
      completed: true,
      threshold: 5,
    });
    const used = await database().stores.apiTokens.get(world.tokenIds.gemenskap);
    expect(used.lastUsedAt).to.be.instanceOf(Date);
  });

  it('gives the programme token every organisation, or one by the organisation filter', async () => {
    const all = await get(
      '/api/exports/attendance-by-event-type.csv?to=2026-06-30',
      world.tokens.programme,
    ).expect(200);
    expect(bytes(all).toString('utf8').split('\r\n').at(-2)).to.equal('Totalt,26,13,0,0,0,39');
    const lyftet = await get(
      `/api/exports/attendance-by-event-type.csv?organisation=${world.lyftet.toUpperCase()}`,
      world.tokens.programme,
    ).expect(200);
    expect(bytes(lyftet).toString('utf8').split('\r\n').slice(1, -1)).to.deep.equal([
      'Inspirationsträff,6,0,0,0,0,6',
      'Nätverksträff,5,5,0,0,0,10',
      'Totalt,11,5,0,0,0,16',
    ]);
  });

  it('writes the same table as XLSX, numbers as numbers and hidden cells as ..', async () => {
    const res = await get(
      '/api/exports/attendance-by-event-type.xlsx?to=2026-06-30',
      world.tokens.gemenskap,
    ).expect(200);
    expect(res.headers['content-type']).to.equal(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes(res) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = [1, 2, 3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows).to.deep.equal([
      ['Aktivitetstyp', 'Kvinnor', 'Män', 'Annat', 'Vill ej uppge', 'Ej registrerat', 'Totalt'],
      ['Inspirationsträff', '..', '..', 0, 0, 0, 9],
      ['Nätverksträff', '..', '..', 0, 0, 0, 14],
      ['Totalt', 15, 8, 0, 0, 0, 23],
    ]);
  });

  it("exports an organisation's pseudonymous participants: its people only, no names or e-mails", async () => {
    const res = await get('/api/exports/participants.csv', world.tokens.gemenskap).expect(200);
    const lines = bytes(res)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal('deltagar_id,organisation,roll,kon,kommunkod,kurser,aktiviteter,timmar');
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    expect(ids).to.have.members(world.people.gemenskap.map((id) => pseudonymousId(id, TEST_PSEUDONYM_KEY)));
    expect(lines.join('\n')).not.to.match(/example\.se|Deltagare|Lyftet/);
    const [entry] = await database().stores.audit.list({ action: 'export.participants', limit: 1 });
    expect(entry?.details).to.include({ rows: 32, completed: true, format: 'csv' });
  });

  it('answers a missing, malformed, unknown or revoked token with 401 JSON, and exports nothing', async () => {
    const before = (await database().stores.audit.list({ limit: 1000 })).length;
    const cases: [string | undefined, string][] = [
      [undefined, 'TOKEN_BEARER_MISSING'],
      ['not-a-token', 'TOKEN_SECRET_UNKNOWN'],
      [`kmp_${'A'.repeat(43)}`, 'TOKEN_SECRET_UNKNOWN'],
      [world.tokens.revoked, 'TOKEN_ACCESS_REVOKED'],
    ];
    for (const [secret, code] of cases) {
      const res = await request(app)
        .get('/api/exports/participants.csv')
        .set(secret ? { Authorization: `Bearer ${secret}` } : {})
        .expect(401)
        .expect('Content-Type', /^application\/json/);
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="kompetenta"');
      expect(res.body).to.include({ status: 401, code });
    }
    await request(app)
      .get('/api/exports/participants.csv')
      .set('Authorization', `Basic ${world.tokens.programme}`)
      .expect(401);
    expect((await database().stores.audit.list({ limit: 1000 })).length).to.equal(before);
  });

  it('refuses bad requests with every problem named at once', async () => {
    const unknown = await request(app)
      .get('/api/exports/everything.csv')
      .set('Authorization', `Bearer ${world.tokens.programme}`)
      .expect(400);
    expect(unknown.body).to.include({ code: 'REPORT_NAME_UNKNOWN' });
    const pdf = await request(app)
      .get('/api/exports/participants.pdf')
      .set('Authorization', `Bearer ${world.tokens.programme}`)
      .expect(400);
    expect(pdf.body).to.include({ code: 'REPORT_FORMAT_UNKNOWN' });
    const bad = await request(app)
      .get(
        '/api/exports/participants.csv?from=2026-02-30&county=99&eventType=fika&course=Hand%20ledare&kommun=2480&separator=tab',
      )
      .set('Authorization', `Bearer ${world.tokens.programme}`)
      .expect(400);
    expect(bad.body).to.include({ code: 'REPORT_FILTER_INVALID' });
    expect((bad.body as { details: { problems: string[] } }).details.problems).to.have.length(6);
  });
});
