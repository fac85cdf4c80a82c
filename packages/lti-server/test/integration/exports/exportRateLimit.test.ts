import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { dashboardApp, signIn } from './dashboardWorld';
import { exportApp, seedExportWorld } from './exportWorld';

describeEachEngine('export API rate limits', (database) => {
  it('answers 429 with Retry-After once a token has used its exports of the minute', async () => {
    const world = await seedExportWorld(database());
    const app = exportApp(database(), { exportsPerMinute: 2, failedAuthPerMinute: 3 });
    const auth = { Authorization: `Bearer ${world.tokens.programme}` };
    await request(app).get('/api/exports/attendance-by-year.csv').set(auth).expect(200);
    await request(app).get('/api/exports/attendance-by-year.csv').set(auth).expect(200);
    const limited = await request(app).get('/api/exports/attendance-by-year.csv').set(auth).expect(429);
    expect(limited.body).to.include({ code: 'REPORT_RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    // Another token has its own allowance.
    await request(app)
      .get('/api/exports/attendance-by-year.csv')
      .set('Authorization', `Bearer ${world.tokens.gemenskap}`)
      .expect(200);
    // Guessing: after 3 failures from one address, even a good token waits.
    for (let i = 0; i < 3; i++) await request(app).get('/api/exports/attendance-by-year.csv').expect(401);
    await request(app)
      .get('/api/exports/attendance-by-year.csv')
      .set('Authorization', `Bearer ${world.tokens.lyftet}`)
      .expect(429);
  });

  it('shares the counts between instances on one database: two routers allow the limit once, not twice', async () => {
    const world = await seedExportWorld(database());
    const first = exportApp(database(), { exportsPerMinute: 2 });
    const second = exportApp(database(), { exportsPerMinute: 2 });
    const auth = { Authorization: `Bearer ${world.tokens.programme}` };
    await request(first).get('/api/exports/attendance-by-year.csv').set(auth).expect(200);
    await request(second).get('/api/exports/attendance-by-year.csv').set(auth).expect(200);
    const limited = await request(first).get('/api/exports/attendance-by-year.csv').set(auth).expect(429);
    expect(limited.body).to.include({ code: 'REPORT_RATE_LIMITED' });
    await request(second).get('/api/exports/attendance-by-year.csv').set(auth).expect(429);
  });

  it("counts a person's dashboard downloads once across instances, and each person apart", async () => {
    await seedExportWorld(database());
    const first = dashboardApp(database(), { exportsPerMinute: 2 });
    const second = dashboardApp(database(), { exportsPerMinute: 2 });
    const staff = await signIn(database(), null, 'programme_staff', 'Nedladdande Stab');
    const other = await signIn(database(), null, 'programme_staff', 'Annan Stab');
    const download = (app: typeof first, cookie: string) =>
      request(app).get('/dashboard/exports/attendance-by-year.csv').set('Cookie', cookie);
    await download(first, staff.cookie).expect(200);
    await download(second, staff.cookie).expect(200);
    const limited = await download(first, staff.cookie).expect(429);
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    await download(second, staff.cookie).expect(429);
    await download(second, other.cookie).expect(200);
  });
});
