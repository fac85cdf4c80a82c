import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

describeCliOnEachEngine('kompetenta person and event checkin-link', (database) => {
  async function seedPerson(email: string) {
    return database().inspect(async (db) => {
      const organisation = await db.stores.organisations.create({ name: `Förening ${email}` });
      const person = await db.stores.people.upsertByEmail({
        organisationId: organisation.id,
        email,
        name: 'Tove Ek',
      });
      await db.stores.profiles.set(person.id, { gender: 'kvinna', role: 'handledare' });
      return { organisationId: organisation.id, personId: person.id };
    });
  }

  it('erases only with --yes, says who, audits it, and says so when already erased', async () => {
    const { organisationId, personId } = await seedPerson('tove@example.se');
    const dry = await runCliCapturing(['person', 'erase', personId], database().env);
    expect(dry.status).to.equal(1);
    expect(dry.err[0]).to.match(
      /Would erase Tove Ek <tove@example.se> .* run again with --yes\. \[EVENT_PERSON_ERASE_UNCONFIRMED\]$/,
    );
    expect(await database().inspect((db) => db.stores.people.get(organisationId, personId))).to.include({
      name: 'Tove Ek',
    });

    const done = await runCliCapturing(['person', 'erase', personId, '--yes'], database().env);
    expect(done.status, done.err.join('\n')).to.equal(0);
    expect(done.out[0]).to.match(/^Erased Tove Ek <tove@example.se>/);
    const after = await database().inspect(async (db) => ({
      person: await db.stores.people.get(organisationId, personId),
      profile: await db.stores.profiles.get(personId),
      audit: (await db.stores.audit.list({ action: 'person.erase' })).filter((e) => e.subject === personId),
    }));
    expect(after.person).to.include({ name: null, email: null });
    expect(after.profile).to.equal(null);
    expect(after.audit.map((e) => e.actor)).to.deep.equal(['cli']);

    const again = await runCliCapturing(['person', 'erase', personId, '--yes'], database().env);
    expect(again.status).to.equal(0);
    expect(again.out[0]).to.match(/already erased/);
    const unknown = await runCliCapturing(['person', 'erase', 'nobody'], database().env);
    expect(unknown.err[0]).to.match(/STORE_RECORD_NOT_FOUND/);
  });

  it('purges people past RETENTION_MONTHS and refuses without it', async () => {
    const { personId } = await seedPerson('gammal@example.se');
    const refused = await runCliCapturing(['person', 'purge-expired'], database().env);
    expect(refused.status).to.equal(1);
    expect(refused.err[0]).to.match(/RETENTION_MONTHS is not set.*\[APP_CONFIG_INVALID\]/);
    // Just created: not expired after 1 month.
    const kept = await runCliCapturing(['person', 'purge-expired'], {
      ...database().env,
      RETENTION_MONTHS: '1',
    });
    expect(kept.status, kept.err.join('\n')).to.equal(0);
    const still = await database().inspect(
      async (db) =>
        await db.knex('people').where({ id: personId }).first<Record<string, unknown>>('erased_at'),
    );
    expect((still as { erased_at: unknown }).erased_at).to.equal(null);
    await database().inspect((db) =>
      db
        .knex('people')
        .where({ id: personId })
        .update({ created_at: new Date('2020-01-01'), updated_at: new Date('2020-01-01') }),
    );
    const purged = await runCliCapturing(['person', 'purge-expired'], {
      ...database().env,
      RETENTION_MONTHS: '24',
    });
    expect(purged.status, purged.err.join('\n')).to.equal(0);
    expect(purged.out[0]).to.match(/^Erased [1-9]\d* person\(s\) inactive since before /);
    const gone = await database().inspect((db) =>
      db.knex('people').where({ id: personId }).first<Record<string, unknown>>('erased_at', 'email'),
    );
    expect(gone).to.include({ email: null });
    expect((gone as { erased_at: unknown }).erased_at).to.not.equal(null);
  });

  it('prints a check-in link and writes its QR code as SVG and PNG', async () => {
    const event = await database().inspect((db) =>
      db.stores.events.create({
        type: 'inspirationstraff',
        title: 'Inspirationsträff',
        startsAt: new Date(),
        hours: 2,
      }),
    );
    const out = join(database().env.DATA_DIR!, 'qr');
    const result = await runCliCapturing(
      ['event', 'checkin-link', event.id, '--valid-hours', '3', '--out', out],
      { ...database().env, PUBLIC_URL: 'https://kurser.example.se' },
    );
    expect(result.status, result.err.join('\n')).to.equal(0);
    expect(result.out[0]).to.match(/^https:\/\/kurser\.example\.se\/checkin\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.out[1]).to.match(/^Valid until \S+ for "Inspirationsträff"\.$/);
    expect(readFileSync(`${out}.svg`, 'utf8')).to.match(/^<svg/);
    expect(readFileSync(`${out}.png`).subarray(1, 4).toString()).to.equal('PNG');
    expect(existsSync(join(database().env.DATA_DIR!, 'secrets', 'checkin.key'))).to.equal(true);
    const bad = await runCliCapturing(
      ['event', 'checkin-link', event.id, '--valid-hours', '0'],
      database().env,
    );
    expect(bad.err[0]).to.match(/--valid-hours 0 .*\[EVENT_INPUT_INVALID\]/);
  });
});
