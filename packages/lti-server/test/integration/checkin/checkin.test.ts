import type { Stores } from '@kompetenta/core';
import { describeEachEngine, ManualClock } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { checkinApp, checkinPath, formSession, seminar } from './checkinHarness';

const walkIn = {
  name: 'Amina Berg',
  email: 'Amina.Berg@example.se',
  organisation: 'Byaföreningen Norrby',
  role: 'handledare',
  gender: 'kvinna',
  consent: 'yes',
};

async function peopleOf(stores: Stores, organisationName: string) {
  const organisation = (await stores.organisations.list()).find(
    (org) => org.name.toLowerCase() === organisationName.toLowerCase(),
  );
  return organisation ? stores.people.list(organisation.id) : [];
}

/** Opens the form (for its CSRF token and cookie) and posts it; `.expect(status)` checks the answer. */
function submit(app: Express, path: string, fields: Record<string, string>, ip = '203.0.113.7') {
  return {
    async expect(status: number) {
      const page = await request(app).get(path).set('X-Forwarded-For', ip).expect(200);
      const { csrf, cookie } = formSession(page);
      return request(app)
        .post(path)
        .set('Cookie', cookie)
        .set('X-Forwarded-For', ip)
        .type('form')
        .send({ ...fields, _csrf: csrf })
        .expect(status);
    },
  };
}

describeEachEngine('check-in form: signed link, validation, recognition, idempotence', (database) => {
  it('shows an accessible Swedish form with an English toggle, never cached', async () => {
    const clock = new ManualClock();
    const event = await seminar(database().stores);
    const app = checkinApp(database().stores, clock);
    const path = await checkinPath(event.id, clock);
    const sv = await request(app).get(path).expect(200);
    expect(sv.headers['cache-control']).to.equal('no-store');
    expect(sv.headers['referrer-policy']).to.equal('no-referrer');
    expect(sv.text)
      .to.include('<html lang="sv">')
      .and.include('Anmäl att du är här')
      .and.include(event.title);
    expect(sv.text).to.include('Vill ej uppge').and.include('Kön (frivilligt)');
    const en = await request(app).get(`${path}?lang=en`).expect(200);
    expect(en.text).to.include('<html lang="en">').and.include('Prefer not to say');
  });

  it('records a walk-in: person, organisation (new, audited), profile with consent time, attendance', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const event = await seminar(stores);
    const app = checkinApp(stores, clock);
    const path = await checkinPath(event.id, clock);
    const done = await submit(app, path, walkIn).expect(303);
    expect(done.headers.location).to.equal(`${path}/klar?status=ny&lang=sv`);
    const thanks = await request(app)
      .get(done.headers.location as string)
      .expect(200);
    expect(thanks.text).to.include('Din närvaro är registrerad');

    const [person, ...others] = await peopleOf(stores, walkIn.organisation);
    expect(others).to.have.length(0);
    expect(person).to.include({ name: 'Amina Berg', email: 'Amina.Berg@example.se' });
    const profile = await stores.profiles.get(person!.id);
    expect(profile).to.include({ role: 'handledare', gender: 'kvinna' });
    expect(profile?.consentAt?.toISOString()).to.equal(clock.now().toISOString());
    const attendance = await stores.events.listAttendance(event.id);
    expect(attendance.map((row) => [row.personId, row.source])).to.deep.equal([[person!.id, 'checkin']]);
    const audit = await stores.audit.list({ action: 'organisation.create' });
    expect(
      audit.some((entry) => entry.subject === person!.organisationId && entry.actor === 'checkin'),
    ).to.equal(true);
  });

  it('recognises a known person (organisation and e-mail in any case) and changes nothing stored about them', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const organisation = await stores.organisations.create({ name: 'Kooperativet Solrosen' });
    const known = await stores.people.upsertByLti({
      organisationId: organisation.id,
      ltiIssuer: 'https://lms.example.se',
      ltiSubject: 'u-42',
      email: 'kim@solrosen.se',
      name: 'Kim Ek',
    });
    await stores.profiles.set(known.id, { role: 'anstalld', gender: 'man' });
    const event = await seminar(stores);
    const app = checkinApp(stores, clock);
    const path = await checkinPath(event.id, clock);
    const organisationsBefore = (await stores.organisations.list()).length;
    const fields = {
      ...walkIn,
      name: 'Someone Else',
      email: 'KIM@Solrosen.se',
      organisation: '  kooperativet   SOLROSEN ',
      role: 'ovrig',
      gender: 'annat',
    };
    await submit(app, path, fields).expect(303);
    const again = await submit(app, path, fields).expect(303);
    expect(again.headers.location).to.match(/status=redan/);
    expect((await stores.organisations.list()).length).to.equal(organisationsBefore);
    const people = await stores.people.list(organisation.id);
    expect(people.map((p) => [p.id, p.name])).to.deep.equal([[known.id, 'Kim Ek']]);
    expect(await stores.profiles.get(known.id)).to.include({ role: 'anstalld', gender: 'man' });
    expect((await stores.events.listAttendance(event.id)).map((row) => row.personId)).to.deep.equal([
      known.id,
    ]);
  });

  it('leaves gender unset when not given, and never requires it', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const event = await seminar(stores);
    const app = checkinApp(stores, clock);
    await submit(app, await checkinPath(event.id, clock), {
      ...walkIn,
      email: 'noa@example.se',
      organisation: 'Föreningen Utan Kön',
      gender: '',
    }).expect(303);
    const [person] = await peopleOf(stores, 'Föreningen Utan Kön');
    expect(await stores.profiles.get(person!.id)).to.include({ gender: null, role: 'handledare' });
  });

  it('shows every problem next to its field and in a summary, and stores nothing', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const event = await seminar(stores);
    const app = checkinApp(stores, clock);
    const organisationsBefore = (await stores.organisations.list()).length;
    const response = await submit(app, await checkinPath(event.id, clock), {
      name: ' ',
      email: 'not-an-address',
      organisation: 'Föreningen Som Inte Finns',
      role: 'astronaut',
      gender: 'okänt',
      consent: '',
    }).expect(400);
    for (const field of ['name', 'email', 'role', 'gender', 'consent']) {
      expect(response.text).to.include(`id="${field}-error"`);
    }
    expect(response.text).not.to.include('id="organisation-error"');
    expect(response.text).to.include('Formuläret har fel').and.include('href="#email"');
    expect(response.text).to.include('value="Föreningen Som Inte Finns"');
    expect((await stores.organisations.list()).length).to.equal(organisationsBefore);
    expect(await stores.events.listAttendance(event.id)).to.deep.equal([]);
  });

  it('refuses an expired or forged link with a clear page and stores nothing', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const event = await seminar(stores);
    const app = checkinApp(stores, clock);
    const path = await checkinPath(event.id, clock, 1);
    const page = await request(app).get(path).expect(200);
    const { csrf, cookie } = formSession(page);
    clock.advanceSeconds(3601);
    const expired = await request(app).get(path).expect(410);
    expect(expired.text).to.include('Länken har gått ut');
    await request(app)
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...walkIn, _csrf: csrf })
      .expect(410);
    const forged = `${path.slice(0, -3)}abc`;
    const invalid = await request(app).get(forged).expect(404);
    expect(invalid.text).to.include('Länken fungerar inte');
    await request(app).get('/checkin/not-a-token?lang=en').expect(404);
    expect(await stores.events.listAttendance(event.id)).to.deep.equal([]);
  });

  it('refuses a post without the CSRF token and rate-limits posts per client address', async () => {
    const clock = new ManualClock();
    const stores = database().stores;
    const event = await seminar(stores);
    const app = checkinApp(stores, clock, 2);
    const path = await checkinPath(event.id, clock);
    await request(app)
      .post(path)
      .set('X-Forwarded-For', '198.51.100.1')
      .type('form')
      .send(walkIn)
      .expect(403);
    await submit(app, path, { ...walkIn, email: 'one@example.se' }, '198.51.100.1').expect(303);
    const limited = await submit(app, path, { ...walkIn, email: 'two@example.se' }, '198.51.100.1').expect(
      429,
    );
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
    await submit(app, path, { ...walkIn, email: 'three@example.se' }, '198.51.100.2').expect(303);
    const emails = (await stores.events.listAttendance(event.id)).length;
    expect(emails).to.equal(2);
  });
});
