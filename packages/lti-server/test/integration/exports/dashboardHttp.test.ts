import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { csrfOf, dashboardApp, signIn } from './dashboardWorld';
import { binary, seedExportWorld, type ExportWorld } from './exportWorld';

describeEachEngine('dashboard over HTTP', (database) => {
  let world: ExportWorld;
  let app: Express;
  let staff: { cookie: string; personId: string };
  let admin: { cookie: string; personId: string };
  before(async () => {
    world = await seedExportWorld(database());
    app = dashboardApp(database(), { exportsPerMinute: 10_000 });
    staff = await signIn(database(), null, 'programme_staff', 'Programme Staff');
    admin = await signIn(database(), world.gemenskap, 'org_admin', 'Gemenskap Admin');
  });
  const page = (path: string, cookie: string) =>
    request(app).get(path).set('Cookie', cookie).set('Accept', 'text/html');
  const download = async (path: string, cookie: string) => {
    const res = await request(app).get(path).set('Cookie', cookie).buffer(true).parse(binary);
    return { status: res.status, text: (res.body as Buffer).toString('utf8') };
  };

  it('sends people without a session to sign in, and refuses learners', async () => {
    const anonymous = await request(app).get('/dashboard?lang=en').set('Accept', 'text/html').expect(303);
    expect(anonymous.headers.location).to.equal('/signin?next=%2Fdashboard%3Flang%3Den');
    await request(app)
      .get('/dashboard/exports/participants.csv')
      .set('Accept', 'application/json')
      .expect(401);
    const learner = await signIn(database(), world.gemenskap, 'learner', 'Lärande Person');
    await page('/dashboard', learner.cookie).expect(403);
    await page('/dashboard/events', learner.cookie).expect(403);
  });

  it('shows programme staff the whole programme, in Swedish or English', async () => {
    const sv = await page('/dashboard?to=2026-06-30', staff.cookie).expect(200);
    expect(sv.text).to.include('<html lang="sv">').and.include('Du ser hela programmet.');
    expect(sv.text)
      .to.include('<svg')
      .and.include('<caption>Deltagare i aktiviteter per månad och kön</caption>');
    expect(sv.text).to.include('href="/dashboard?to=2026-06-30&#38;lang=en"');
    expect(sv.headers['cache-control']).to.equal('no-store');
    const en = await page('/dashboard?lang=en', staff.cookie).expect(200);
    expect(en.text).to.include('<html lang="en">').and.include('Event participants by month and gender');
  });

  it('shows an organisation admin only their organisation, by every address and filter', async () => {
    const own = await page('/dashboard', admin.cookie).expect(200);
    expect(own.text).to.include('Du ser Föreningen Gemenskap.').and.not.include('Lyftet');
    const other = await page(`/dashboard?organisation=${world.lyftet}`, admin.cookie).expect(403);
    expect(other.text).to.include('REPORT_SCOPE_FORBIDDEN').and.not.include('Lyftet');
    for (const report of [
      'attendance-by-event-type',
      'attendance-by-county',
      'completion-by-organisation',
      'participants',
    ]) {
      for (const filter of ['', 'county=01', 'eventType=natverkstraff', 'to=2026-06-30']) {
        const mine = await download(`/dashboard/exports/${report}.csv?${filter}`, admin.cookie);
        const asStaff = await download(
          `/dashboard/exports/${report}.csv?${filter}${filter ? '&' : ''}organisation=${world.gemenskap}`,
          staff.cookie,
        );
        expect(mine.status).to.equal(200);
        expect(mine.text, `${report}?${filter}`).to.equal(asStaff.text);
      }
      const refused = await download(
        `/dashboard/exports/${report}.xlsx?organisation=${world.lyftet}`,
        admin.cookie,
      );
      expect(refused.status).to.equal(403);
    }
  });

  it('downloads the same exports as the API with the session, audited with the person', async () => {
    const res = await download(
      '/dashboard/exports/attendance-by-event-type.csv?to=2026-06-30&separator=semicolon',
      admin.cookie,
    );
    expect(res.text.split('\r\n').slice(0, 4)).to.deep.equal([
      '\uFEFFAktivitetstyp;Kvinnor;Män;Annat;Vill ej uppge;Ej registrerat;Totalt',
      'Inspirationsträff;..;..;0;0;0;9',
      'Nätverksträff;..;..;0;0;0;14',
      'Totalt;15;8;0;0;0;23',
    ]);
    const [entry] = await database().stores.audit.list({
      action: 'export.attendance-by-event-type',
      limit: 1,
    });
    expect(entry).to.include({ actor: `person:${admin.personId}`, organisationId: world.gemenskap });
    expect(entry?.details).to.include({ via: 'session', name: 'Gemenskap Admin', rows: 3, completed: true });
  });

  it('creates an event from the form only with a valid CSRF token and valid fields, audited', async () => {
    const form = await page('/dashboard/events/new', staff.cookie).expect(200);
    const csrf = csrfOf(form.text);
    const before = (await database().stores.events.list()).length;
    const post = (fields: Record<string, string>) =>
      request(app).post('/dashboard/events').set('Cookie', staff.cookie).type('form').send(fields);
    await post({
      type: 'natverkstraff',
      title: 'Utan token',
      date: '2026-05-05',
      time: '09:00',
      hours: '2',
    }).expect(403);
    const bad = await post({
      _csrf: csrf,
      type: 'fika',
      title: '',
      date: '2026-02-30',
      hours: '0',
      municipality: '9999',
    }).expect(422);
    expect(bad.text)
      .to.include('role="alert"')
      .and.include('Välj en typ av aktivitet.')
      .and.include('Skriv en rubrik.');
    expect(bad.text).to.include('aria-invalid="true"');
    expect((await database().stores.events.list()).length).to.equal(before);
    const good = await post({
      _csrf: csrf,
      type: 'jamstalldhetsseminarium',
      title: 'Jämställdhet i praktiken',
      date: '2026-05-05',
      time: '13:00',
      hours: '1,5',
      municipality: '2480',
      place: 'Folkets hus',
    }).expect(303);
    const created = (await database().stores.events.list()).find(
      (e) => e.title === 'Jämställdhet i praktiken',
    );
    expect(created).to.include({ type: 'jamstalldhetsseminarium', hours: 1.5, municipalityCode: '2480' });
    expect(created?.startsAt.toISOString()).to.equal('2026-05-05T11:00:00.000Z'); // 13:00 Swedish summer time
    expect(good.headers.location).to.equal(`/dashboard/events?created=${created?.id}`);
    const [audit] = await database().stores.audit.list({ action: 'event.create', limit: 1 });
    expect(audit).to.include({ actor: `person:${staff.personId}`, subject: `event:${created?.id}` });
    const list = await page(good.headers.location as string, staff.cookie).expect(200);
    expect(list.text).to.include('Aktiviteten &#34;Jämställdhet i praktiken&#34; är sparad.');
  });

  it('imports an uploaded roster whole or not at all, only into the admin’s own organisation', async () => {
    const event = (await database().stores.events.list())[0]!;
    const path = `/dashboard/events/${event.id}/attendance/upload`;
    const form = await page(path, admin.cookie).expect(200);
    const csrf = csrfOf(form.text);
    expect(form.text).to.include('enctype="multipart/form-data"').and.not.include('Lyftet');
    const upload = (csv: string, organisation: string, token = csrf) =>
      request(app)
        .post(path)
        .set('Cookie', admin.cookie)
        .field('_csrf', token)
        .field('organisation', organisation)
        .attach('file', Buffer.from(csv, 'utf8'), 'narvaro.csv');
    const good =
      'namn;e-post;roll;kön;samtycke\nAnna Berg;anna.upload@example.se;handledare;kvinna;ja\nBo Ek;bo.upload@example.se;;;\n';
    const mixed = `${good}Cia Al;cia@;handledare;kvinna;nej\n`;
    const attendance = () => database().stores.events.listAttendance(event.id);
    const before = (await attendance()).length;
    await upload(good, world.gemenskap, 'x'.repeat(43)).expect(403);
    await upload(good, world.lyftet).expect(403);
    const bad = await upload(mixed, world.gemenskap).expect(422);
    expect(bad.text).to.include('row 4, e-post').and.include('row 4, kön');
    expect((await attendance()).length).to.equal(before);
    const ok = await upload(good, world.gemenskap).expect(200);
    expect(ok.text).to.include('Klart: 2 personer i listan, 2 nya närvaroregistreringar, 2 nya personer.');
    expect((await attendance()).length).to.equal(before + 2);
    const again = await upload(good, world.gemenskap).expect(200);
    expect(again.text).to.include('0 nya närvaroregistreringar, 0 nya personer');
    const audits = await database().stores.audit.list({ action: 'attendance.import' });
    expect(audits.filter((a) => a.subject === `event:${event.id}`)).to.have.length(1);
    expect(audits[0]).to.include({ actor: `person:${admin.personId}`, organisationId: world.gemenskap });
  });
});
