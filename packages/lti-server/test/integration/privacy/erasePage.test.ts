import { KnexPersonErasure } from '@kompetenta/storage';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createPrivacyRouter } from '../../../src/privacy/createPrivacyRouter';
import { signIn } from '../exports/dashboardWorld';
import { silentLogger, standalonePerson } from '../standalone/sessionHarness';

function csrfFrom(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no CSRF field');
  return match[1]!;
}

describeEachEngine('staff erasure page: programme staff only, CSRF, confirmed, audited', (database) => {
  it('lets programme staff erase a person after ticking the confirmation, and nobody else', async () => {
    const stores = database().stores;
    const options = { publicUrl: 'http://kompetenta.test' };
    const deps = { stores, logger: silentLogger, erasure: new KnexPersonErasure(database().knex) };
    const app = express();
    app.use(createPrivacyRouter(deps, options));
    const target = await standalonePerson(database(), 'radera@example.se', 'Rut Radera');
    await stores.profiles.set(target.person.id, { gender: 'kvinna' });
    const staff = await signIn(database(), null, 'programme_staff', 'Kim Kansli');
    const admin = await signIn(database(), target.organisation.id, 'org_admin', 'Ada Admin');
    const adminCookie = admin.cookie;
    const cookie = staff.cookie;
    const path = `/privacy/people/${target.person.id}/erase`;

    await request(app).get(path).set('Accept', 'text/html').expect(303);
    await request(app).get(path).set('Cookie', adminCookie).set('Accept', 'text/html').expect(403);

    const page = await request(app).get(path).set('Cookie', cookie).expect(200);
    expect(page.text).to.include('Rut Radera').and.include('Det går inte att ångra');
    const csrf = csrfFrom(page.text);
    await request(app).post(path).set('Cookie', cookie).type('form').send({ confirm: 'yes' }).expect(403);
    await request(app)
      .post(path)
      .set('Cookie', adminCookie)
      .type('form')
      .send({ confirm: 'yes', _csrf: csrf })
      .expect(403);
    const unconfirmed = await request(app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(400);
    expect(unconfirmed.text).to.include('Kryssa i rutan');
    expect(await stores.people.get(target.organisation.id, target.person.id)).to.include({
      name: 'Rut Radera',
    });

    const done = await request(app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, confirm: 'yes' })
      .expect(200);
    expect(done.text).to.include('Personens uppgifter är borttagna');
    expect(await stores.people.get(target.organisation.id, target.person.id)).to.include({
      name: null,
      email: null,
    });
    expect(await stores.profiles.get(target.person.id)).to.equal(null);
    const audit = (await stores.audit.list({ action: 'person.erase' })).filter(
      (e) => e.subject === target.person.id,
    );
    expect(audit.map((e) => e.actor)).to.deep.equal([staff.personId]);
    await request(app)
      .get('/privacy/people/00000000-0000-4000-8000-000000000000/erase')
      .set('Cookie', cookie)
      .expect(404);
  });
});
