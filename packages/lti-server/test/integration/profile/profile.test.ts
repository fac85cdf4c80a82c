import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createProfileRouter } from '../../../src/profile/createProfileRouter';
import { csrfOf, signIn } from '../exports/dashboardWorld';
import { silentLogger } from '../standalone/sessionHarness';

describeEachEngine(
  'profile self-service: own role, gender and consent; staff cannot change anyone else',
  (database) => {
    function app() {
      const server = express();
      server.use(
        createProfileRouter(
          { stores: database().stores, logger: silentLogger },
          { publicUrl: 'http://kompetenta.test' },
        ),
      );
      return server;
    }

    it("shows and saves the signed-in person's own profile with the consent time, and withdrawal clears it", async () => {
      const stores = database().stores;
      const organisation = await stores.organisations.create({ name: 'Föreningen Profil' });
      const me = await signIn(database(), organisation.id, 'learner', 'Lena Lärande');
      const server = app();
      await request(server).get('/profile').set('Accept', 'text/html').expect(303);
      const page = await request(server).get('/profile').set('Cookie', me.cookie).expect(200);
      expect(page.text)
        .to.include('Föreningen Profil')
        .and.include('Kön (frivilligt)')
        .and.include('Vill ej uppge');
      const csrf = csrfOf(page.text);
      await request(server)
        .post('/profile')
        .set('Cookie', me.cookie)
        .type('form')
        .send({ gender: 'kvinna', consent: 'yes' })
        .expect(403);
      await request(server)
        .post('/profile')
        .set('Cookie', me.cookie)
        .type('form')
        .send({ _csrf: csrf, gender: 'okänt', consent: 'yes' })
        .expect(400);
      expect(await stores.profiles.get(me.personId)).to.equal(null);
      await request(server)
        .post('/profile')
        .set('Cookie', me.cookie)
        .type('form')
        .send({ _csrf: csrf, role: 'handledare', gender: 'kvinna', consent: 'yes' })
        .expect(200);
      const saved = await stores.profiles.get(me.personId);
      expect(saved).to.include({ role: 'handledare', gender: 'kvinna' });
      expect(saved?.consentAt).to.be.instanceOf(Date);
      await request(server)
        .post('/profile')
        .set('Cookie', me.cookie)
        .type('form')
        .send({ _csrf: csrf, role: 'handledare', gender: 'kvinna' })
        .expect(200);
      expect(await stores.profiles.get(me.personId)).to.include({
        role: null,
        gender: null,
        consentAt: null,
      });
    });

    it("gives staff no way to change another person's gender: a person id in the form is ignored", async () => {
      const stores = database().stores;
      const organisation = await stores.organisations.create({ name: 'Föreningen Annan' });
      const other = await stores.people.upsertByEmail({
        organisationId: organisation.id,
        email: 'annan@example.se',
      });
      await stores.profiles.set(other.id, { gender: 'man', role: 'anstalld', consentAt: new Date() });
      const server = app();
      for (const access of ['org_admin', 'programme_staff'] as const) {
        const staff = await signIn(
          database(),
          access === 'org_admin' ? organisation.id : null,
          access,
          `Staff ${access}`,
        );
        const page = await request(server).get('/profile').set('Cookie', staff.cookie).expect(200);
        await request(server)
          .post(`/profile?personId=${other.id}`)
          .set('Cookie', staff.cookie)
          .type('form')
          .send({ _csrf: csrfOf(page.text), personId: other.id, gender: 'kvinna', consent: 'yes' })
          .expect(200);
        expect(await stores.profiles.get(other.id)).to.include({ gender: 'man', role: 'anstalld' });
        expect(await stores.profiles.get(staff.personId)).to.include({ gender: 'kvinna' });
      }
    });
  },
);
