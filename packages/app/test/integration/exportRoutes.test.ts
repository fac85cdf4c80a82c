import { generateApiTokenSecret, hashApiTokenSecret } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import { createServerApp } from '../../src/server/createServerApp';

const logger = pino({ level: 'silent' });

describeEachEngine('HTTP export API in the app', (database) => {
  it('mounts /api/exports with bearer tokens, secure headers and the configured threshold', async () => {
    let keyAsked = 0;
    const app = createServerApp({
      database: database(),
      logger,
      reporting: {
        pseudonymKey: () => {
          keyAsked++;
          return 'app-test-pseudonym-key-0123456789abcdef';
        },
        suppressionThreshold: 7,
        publicUrl: 'http://kompetenta.test',
      },
    });
    const refused = await request(app).get('/api/exports/participants.csv').expect(401);
    expect(refused.body).to.include({ code: 'TOKEN_BEARER_MISSING' });
    expect(refused.headers['x-content-type-options']).to.equal('nosniff');
    const secret = generateApiTokenSecret();
    await database().stores.apiTokens.create({
      name: 'App',
      organisationId: null,
      createdBy: 'test',
      secretHash: hashApiTokenSecret(secret),
    });
    const auth = { Authorization: `Bearer ${secret}` };
    const list = await request(app).get('/api/exports').set(auth).expect(200);
    expect((list.body as { exports: string[] }).exports).to.include('participants');
    await request(app).get('/api/exports/completion-by-year.csv').set(auth).expect(200);
    const [entry] = await database().stores.audit.list({ action: 'export.completion-by-year', limit: 1 });
    expect(entry?.details).to.include({ threshold: 7, via: 'token' });
    expect(keyAsked).to.equal(0);
    await request(app).get('/api/exports/participants.csv').set(auth).expect(200);
    await request(app).get('/api/exports/participants.xlsx').set(auth).expect(200);
    expect(keyAsked).to.equal(1);
  });
});

describeEachEngine('HTTP dashboard in the app', (database) => {
  it('mounts /dashboard behind a session: sign in first', async () => {
    const app = createServerApp({
      database: database(),
      logger,
      reporting: {
        pseudonymKey: () => 'x'.repeat(32),
        suppressionThreshold: 5,
        publicUrl: 'http://kompetenta.test',
      },
    });
    const res = await request(app).get('/dashboard').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).to.equal('/signin?next=%2Fdashboard');
  });
});
