import { hashApiTokenSecret, isApiTokenSecret } from '@kompetenta/core';
import { expect } from 'chai';
import { describeCliOnEachEngine } from '../support/cliDatabases';
import { runCliCapturing } from '../support/runCliCapturing';

describeCliOnEachEngine('kompetenta token', (database) => {
  const run = (argv: string[]) => runCliCapturing(['token', ...argv], database().env);

  it('creates an organisation token, shows its secret once and stores only the hash; audited', async () => {
    const organisation = await database().inspect((db) =>
      db.stores.organisations.create({ name: 'Föreningen Token' }),
    );
    const { status, out, err } = await run([
      'create',
      '--name',
      'Månadsrapport',
      '--org',
      'föreningen token',
    ]);
    expect(status, err.join('\n')).to.equal(0);
    const id = /^Created token (\S+) "Månadsrapport" for Föreningen Token\.$/.exec(out[0]!)?.[1];
    expect(id, out[0]).to.be.a('string');
    const secret = /^Secret \(shown only now; store it safely\): (\S+)$/.exec(out[1]!)?.[1] ?? '';
    expect(isApiTokenSecret(secret), secret).to.equal(true);
    const stored = await database().inspect(async (db) => ({
      byHash: await db.stores.apiTokens.findBySecretHash(hashApiTokenSecret(secret)),
      raw: (await db.knex('api_tokens').where({ id }).first()) as Record<string, unknown>,
      audit: await db.stores.audit.list({ action: 'token.create' }),
    }));
    expect(stored.byHash).to.include({ id, organisationId: organisation.id, createdBy: 'cli' });
    expect(JSON.stringify(stored.raw)).not.to.include(secret);
    expect(stored.audit[0]).to.include({
      actor: 'cli',
      subject: `token:${id}`,
      organisationId: organisation.id,
    });
    expect(stored.audit[0]?.details).to.deep.equal({ name: 'Månadsrapport', scope: 'organisation' });

    const listed = await run(['list']);
    expect(listed.status).to.equal(0);
    expect(listed.out[0]).to.match(/^id +created \(Stockholm\) +last used +revoked +scope +name$/);
    expect(listed.out.join('\n'))
      .to.include(id)
      .and.to.include('Föreningen Token')
      .and.not.to.include(secret);
  });

  it('creates a programme token, revokes it once (audited once) and refuses unknown ids and empty names', async () => {
    const created = await run(['create', '--name', 'Programkansliet']);
    expect(created.out[0]).to.match(/for the whole programme\.$/);
    const id = /^Created token (\S+)/.exec(created.out[0]!)?.[1] ?? '';
    const revoked = await run(['revoke', id]);
    expect(revoked.status, revoked.err.join('\n')).to.equal(0);
    expect(revoked.out).to.deep.equal([`Revoked token ${id} "Programkansliet".`]);
    const again = await run(['revoke', id]);
    expect(again.out[0]).to.match(/was already revoked/);
    const audit = await database().inspect((db) => db.stores.audit.list({ action: 'token.revoke' }));
    expect(audit.filter((entry) => entry.subject === `token:${id}`)).to.have.length(1);
    expect((await run(['list'])).out.find((line) => line.startsWith(id))).to.match(
      /programme +Programkansliet$/,
    );

    const unknown = await run(['revoke', '00000000-0000-0000-0000-000000000000']);
    expect(unknown.status).to.equal(1);
    expect(unknown.err[0]).to.match(/\[STORE_RECORD_NOT_FOUND\]$/);
    const empty = await run(['create', '--name', '  ']);
    expect(empty.status).to.equal(1);
    expect(empty.err[0]).to.match(/--name must be 1 to 100 characters.*\[TOKEN_NAME_INVALID\]$/);
  });
});
