import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { csrfOf, dashboardApp, signIn } from './dashboardWorld';
import { seedExportWorld, type ExportWorld } from './exportWorld';
import { seedAttempt, seedFailedMessage } from './outboxWorld';

describeEachEngine('dashboard outbox page over HTTP', (database) => {
  let world: ExportWorld;
  let app: Express;
  let staff: { cookie: string; personId: string };
  let admin: { cookie: string; personId: string };
  let gemenskapGrade: number;
  let lyftetMail: number;
  before(async () => {
    world = await seedExportWorld(database());
    app = dashboardApp(database(), { exportsPerMinute: 10_000 });
    staff = await signIn(database(), null, 'programme_staff', 'Programme Staff');
    admin = await signIn(database(), world.gemenskap, 'org_admin', 'Gemenskap Admin');
    const attemptId = await seedAttempt(database(), world.gemenskap, 'Lova Lärande');
    gemenskapGrade = await seedFailedMessage(
      database(),
      'grade',
      world.gemenskap,
      'LMS answered 400 (gemenskap)',
      attemptId,
    );
    lyftetMail = await seedFailedMessage(
      database(),
      'mail',
      world.lyftet,
      'SMTP 550 no such mailbox (lyftet)',
    );
  });
  const page = (path: string, cookie: string) =>
    request(app).get(path).set('Cookie', cookie).set('Accept', 'text/html');

  it('sends people without a session to sign in', async () => {
    const res = await request(app).get('/dashboard/outbox').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).to.equal('/signin?next=%2Fdashboard%2Foutbox');
  });

  it('shows programme staff the failed messages of every organisation, never an e-mail body', async () => {
    const res = await page('/dashboard/outbox', staff.cookie).expect(200);
    expect(res.text).to.include('<h1>Meddelanden som inte gick fram</h1>');
    expect(res.text)
      .to.include('LMS answered 400 (gemenskap)')
      .and.include('SMTP 550 no such mailbox (lyftet)');
    expect(res.text)
      .to.include('Kurs: Handledning i praktiken, Deltagare: Lova Lärande')
      .and.include('Mall: sign-in');
    expect(res.text).to.include('Försök igen').and.not.include('HEMLIG TEXT');
    expect(res.headers['cache-control']).to.equal('no-store');
    const en = await page('/dashboard/outbox?lang=en', staff.cookie).expect(200);
    expect(en.text).to.include('<html lang="en">').and.include('Try again');
  });

  it('links the page from the navigation with the count the viewer may see', async () => {
    const asStaff = await page('/dashboard', staff.cookie).expect(200);
    expect(asStaff.text).to.include('Meddelanden som inte gick fram (2)');
    const asAdmin = await page('/dashboard', admin.cookie).expect(200);
    expect(asAdmin.text).to.include('Meddelanden som inte gick fram (1)');
  });

  it("shows an organisation admin only their organisation's rows and 404 for another's", async () => {
    const res = await page('/dashboard/outbox', admin.cookie).expect(200);
    expect(res.text).to.include('LMS answered 400 (gemenskap)').and.not.include('lyftet');
    const refused = await request(app)
      .post(`/dashboard/outbox/${lyftetMail}/retry`)
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: csrfOf(res.text) })
      .expect(404);
    expect(refused.text).to.include('STORE_RECORD_NOT_FOUND');
    const [still] = await database()
      .stores.outbox.list({ status: 'failed' })
      .then((all) => all.filter((m) => m.id === lyftetMail));
    expect(still?.status).to.equal('failed');
  });

  it('refuses a retry without the CSRF token', async () => {
    const res = await request(app)
      .post(`/dashboard/outbox/${gemenskapGrade}/retry`)
      .set('Cookie', admin.cookie)
      .type('form')
      .send({})
      .expect(403);
    expect(res.text).to.include('SESSION_CSRF_INVALID');
    const failed = await database().stores.outbox.list({ status: 'failed' });
    expect(failed.map((m) => m.id)).to.include(gemenskapGrade);
  });

  it('queues a failed message again, audited with the person, and then it is no longer listed', async () => {
    const form = await page('/dashboard/outbox', admin.cookie).expect(200);
    const res = await request(app)
      .post(`/dashboard/outbox/${gemenskapGrade}/retry`)
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(303);
    expect(res.headers.location).to.equal(`/dashboard/outbox?requeued=${gemenskapGrade}`);
    const pending = await database().stores.outbox.list({ status: 'pending' });
    const message = pending.find((m) => m.id === gemenskapGrade);
    expect(message?.tries).to.equal(0);
    const [entry] = await database().stores.audit.list({ action: 'outbox.retry' });
    expect(entry).to.include({
      actor: `person:${admin.personId}`,
      subject: `outbox:${gemenskapGrade}`,
      organisationId: world.gemenskap,
    });
    const after = await page(res.headers.location as string, admin.cookie).expect(200);
    expect(after.text)
      .to.include(`Meddelande ${gemenskapGrade} skickas igen inom kort.`)
      .and.include('Alla meddelanden har gått fram.');
    const again = await request(app)
      .post(`/dashboard/outbox/${gemenskapGrade}/retry`)
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(404);
    expect(again.text).to.include('STORE_RECORD_NOT_FOUND');
  });
});
