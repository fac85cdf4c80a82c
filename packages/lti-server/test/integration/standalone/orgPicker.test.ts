import type { Stores } from '@kompetenta/core';
import { ManualClock, describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import express from 'express';
import { createStandaloneRouter } from '../../../src/standalone/createStandaloneRouter';
import { silentLogger, standalonePerson } from './sessionHarness';
import { signedIn } from './signedInBrowser';

const PUBLIC_URL = 'http://kompetenta.test';

const emailsOf = async (stores: Stores, organisationId: string) =>
  (await stores.people.list(organisationId)).map((p) => p.email).sort();

describeEachEngine('/org for programme staff (organisation picker) and tenant isolation', (database) => {
  it('lets programme staff pick the organisation they act on, and keeps an admin to their own by URL and form value', async () => {
    const stores = database().stores;
    const clock = new ManualClock(Date.now());
    const server = express().use(
      createStandaloneRouter({ stores, logger: silentLogger, clock }, { publicUrl: PUBLIC_URL }),
    );
    const { organisation: a, person: adminA } = await standalonePerson(
      database(),
      'admin@a.se',
      'Alma Admin',
      'org_admin',
    );
    const { organisation: b } = await standalonePerson(database(), 'bertil@b.se', 'Bertil Bsson');
    await stores.invitations.record({
      personId: (await stores.people.list(b.id))[0]!.id,
      organisationId: b.id,
      invitedBy: null,
      invitedAt: clock.now(),
    });

    // An organisation admin: own organisation only, whatever the URL or the form says.
    const admin = await signedIn(server, stores, clock, { ...adminA, access: 'org_admin' });
    const own = await admin.get('/org');
    expect(own.status).to.equal(200);
    expect(own.text).to.include(a.name).and.not.include('organisation-val');
    expect((await admin.get(`/org?organisation=${b.id}`)).status).to.equal(403);
    const forged = await admin.submit(
      { list: 'smuggel@x.se', organisation: b.id },
      '/org/invitations',
      '/org',
    );
    expect(forged.status).to.equal(403);
    expect(await emailsOf(stores, b.id)).to.deep.equal(['bertil@b.se']);
    expect(await emailsOf(stores, a.id)).to.deep.equal(['admin@a.se']);

    // Programme staff: a picker; the chosen organisation's people and invitations.
    const programme = await stores.access.programmeOrganisation();
    const staffPerson = await stores.people.upsertByEmail({
      organisationId: programme.id,
      email: 'stab@program.se',
      name: 'Stina Stab',
    });
    await stores.access.grant(staffPerson.id, 'programme_staff');
    const staff = await signedIn(server, stores, clock, { ...staffPerson, access: 'programme_staff' });
    const picked = await staff.get(`/org?organisation=${b.id}`);
    expect(picked.status).to.equal(200);
    expect(picked.text)
      .to.include('<label for="organisation-val">Organisation du arbetar med</label>')
      .and.include(`<option value="${b.id}" selected>`)
      .and.include('bertil@b.se')
      .and.include(`<input type="hidden" name="organisation" value="${b.id}" />`);
    const invited = await staff.submit(
      { list: 'ny@b.se;Nora Ny', organisation: b.id },
      '/org/invitations',
      `/org?organisation=${b.id}`,
    );
    expect(invited.status).to.equal(303);
    expect(invited.headers.location).to.equal(`/org?inbjudna=1&redan=0&organisation=${b.id}`);
    expect(await emailsOf(stores, b.id)).to.deep.equal(['bertil@b.se', 'ny@b.se']);
    expect((await staff.get('/org?organisation=no-such-organisation')).status).to.equal(404);
  });
});
