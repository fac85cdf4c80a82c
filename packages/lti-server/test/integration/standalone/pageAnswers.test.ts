import type { Stores } from '@kompetenta/core';
import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express, { type Express } from 'express';
import request from 'supertest';
import { createStandaloneRouter } from '../../../src/standalone/createStandaloneRouter';
import { silentLogger, standalonePerson } from './sessionHarness';
import { signedIn } from './signedInBrowser';

const PUBLIC_URL = 'http://kompetenta.test';
const checkinSecret = new Uint8Array(Buffer.from('a check-in secret of at least 32 bytes, for tests'));

function app(stores: Stores, clock: ManualClock): Express {
  return express().use(
    createStandaloneRouter({ stores, logger: silentLogger, clock, checkinSecret }, { publicUrl: PUBLIC_URL }),
  );
}

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

describeEachEngine(
  'standalone pages: notices after a redirect, refused uploads, the sign-in form',
  (database) => {
    it('shows the counts a redirect brings back only when they are whole numbers, never cached', async () => {
      const stores = database().stores;
      const clock = new ManualClock(Date.now());
      const server = app(stores, clock);
      const { person } = await standalonePerson(database(), 'notis@byalag.se', 'Nils Notis', 'org_admin');
      const browser = await signedIn(server, stores, clock, { ...person, access: 'org_admin' });

      const org = await browser.get('/org?inbjudna=1&redan=2');
      expect(org.status).to.equal(200);
      expect(org.headers['cache-control']).to.equal('no-store');
      expect(org.text).to.include('1 person fick en inbjudan. 2 var redan inbjudna.');
      expect((await browser.get('/org?inbjudna=3&redan=0')).text).to.include('3 personer fick en inbjudan.');
      for (const query of ['', '?redan=2', '?inbjudna=x&redan=2', '?inbjudna=1', '?inbjudna=1.5&redan=0'])
        expect((await browser.get(`/org${query}`)).text, query).not.to.include('fick en inbjudan');

      const events = await browser.get('/org/events?inbjudna=1&avstangda=2');
      expect(events.headers['cache-control']).to.equal('no-store');
      expect(events.text).to.include('1 inbjudan skickas. 2 har tackat nej till e-post och fick ingen.');
      const none = await browser.get('/org/events?inbjudna=4&avstangda=0');
      expect(none.text).to.include('4 inbjudningar skickas.').and.not.include('har tackat nej till e-post');
      expect((await browser.get('/org/events?avstangda=1')).text).not.to.include('skickas.');
    });

    it('answers an upload without a file, or one that is not a form upload, with the page and one problem', async () => {
      const stores = database().stores;
      const clock = new ManualClock(Date.now());
      const server = app(stores, clock);
      const { person, organisation } = await standalonePerson(
        database(),
        'fil@byalag.se',
        'Filippa Fil',
        'org_admin',
      );
      const browser = await signedIn(server, stores, clock, { ...person, access: 'org_admin' });
      const csrf = csrfOf((await browser.get('/org')).text);

      const noFile = await request(server)
        .post('/org/invitations/upload')
        .set('Cookie', browser.cookie())
        .set('Accept', 'text/html')
        .field('_csrf', csrf);
      expect(noFile.status).to.equal(400);
      expect(noFile.headers['cache-control']).to.equal('no-store');
      expect(noFile.text).to.include('Välj en fil att ladda upp.').and.include(organisation.name);

      const notMultipart = await request(server)
        .post('/org/invitations/upload')
        .set('Cookie', browser.cookie())
        .set('Accept', 'text/html')
        .set('Content-Type', 'text/plain')
        .send(`_csrf=${csrf}`);
      expect(notMultipart.status).to.equal(400);
      expect(notMultipart.headers['cache-control']).to.equal('no-store');
      expect(notMultipart.text).to.include('Filen kunde inte läsas. Skicka en CSV-fil på högst 5 MB.');
      expect(await stores.invitations.list(organisation.id)).to.deep.equal([]);
    });

    it('serves the sign-in form uncached and without a referrer: signed out, and again with a bad address', async () => {
      const server = app(database().stores, new ManualClock(Date.now()));
      const form = await request(server).get('/signin?utloggad=1&next=%2Forg').set('Accept', 'text/html');
      expect(form.status).to.equal(200);
      expect(form.headers['cache-control']).to.equal('no-store');
      expect(form.headers['referrer-policy']).to.equal('no-referrer');
      expect(form.text).to.include('Du är utloggad.').and.include('name="next" value="/org"');

      const cookies = ([] as string[]).concat((form.headers['set-cookie'] as string[] | undefined) ?? []);
      const bad = await request(server)
        .post('/signin')
        .set('Cookie', cookies.map((raw) => raw.split(';')[0]).join('; '))
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'inte-en-adress', next: '/org' });
      expect(bad.status).to.equal(400);
      expect(bad.headers['cache-control']).to.equal('no-store');
      expect(bad.headers['referrer-policy']).to.equal('no-referrer');
      expect(bad.text)
        .to.include('Skriv en e-postadress, till exempel namn@example.se.')
        .and.include('value="inte-en-adress"')
        .and.include('name="next" value="/org"')
        .and.not.include('Du är utloggad.');
    });
  },
);
