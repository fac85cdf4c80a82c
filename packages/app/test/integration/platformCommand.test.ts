import { AppError, isAppError } from '@kompetenta/core';
import { openDatabase } from '@kompetenta/storage';
import { temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { Command } from 'commander';
import { registerPlatformCommand } from '../../src/cli/commands/platform';
import { loadConfig } from '../../src/config/loadConfig';

/** Runs `kompetenta platform …` against an embedded database in `dir`, capturing output and the error. */
async function platformCli(
  dir: string,
  argv: string[],
): Promise<{ out: string[]; error: AppError | undefined }> {
  const out: string[] = [];
  const program = new Command('kompetenta').exitOverride();
  registerPlatformCommand(program, {
    cwd: process.cwd(),
    coursesDir: './courses',
    out: (line) => out.push(line),
    err: () => undefined,
    config: () => loadConfig({ DATA_DIR: dir }, process.cwd()),
  });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(['platform', ...argv], { from: 'user' });
    return { out, error: undefined };
  } catch (error) {
    if (isAppError(error)) return { out, error };
    throw error;
  }
}

const add = [
  'add',
  '--issuer',
  'https://moodle.example.se',
  '--client-id',
  'abc123',
  '--auth-url',
  'https://moodle.example.se/mod/lti/auth.php',
  '--token-url',
  'https://moodle.example.se/mod/lti/token.php',
  '--jwks-url',
  'https://moodle.example.se/mod/lti/certs.php',
  '--deployment-id',
  '1',
  '--deployment-id',
  '2',
  '--organisation',
  'Föreningen Gemenskap',
];

describe('kompetenta platform [pglite]', () => {
  it('adds an approved registration with its deployments and organisation, lists, approves and removes it', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const migrated = await openDatabase({ dataDir: dir });
      await migrated.migrate();
      await migrated.close();

      const added = await platformCli(dir, add);
      expect(added.error).to.equal(undefined);
      expect(added.out[0]).to.match(/^Registered moodle\.example\.se \([0-9a-f-]{36}\), approved/);
      expect(added.out[1]).to.equal('Deployments 1, 2 belong to the new organisation Föreningen Gemenskap.');

      const database = await openDatabase({ dataDir: dir });
      try {
        const resolved = await database.stores.tenants.resolve({
          issuer: 'https://moodle.example.se',
          clientId: 'abc123',
          deploymentId: '2',
        });
        const organisation = await database.stores.organisations.get(resolved.deployment.organisationId);
        expect(organisation.name).to.equal('Föreningen Gemenskap');
      } finally {
        await database.close();
      }

      const listed = await platformCli(dir, ['list']);
      expect(listed.out).to.have.length(1);
      expect(listed.out[0]).to.contain('approved').and.contain('deployments 1, 2');
      const id = listed.out[0]!.split(' ')[0]!;
      expect((await platformCli(dir, ['approve', id])).out[0]).to.contain(
        `Approved moodle.example.se (${id})`,
      );
      expect((await platformCli(dir, ['remove', id])).out[0]).to.equal(`Removed moodle.example.se (${id}).`);
      expect((await platformCli(dir, ['list'])).out).to.deep.equal(['No platforms are registered.']);
      expect((await platformCli(dir, ['remove', id])).error?.code).to.equal('STORE_RECORD_NOT_FOUND');
    } finally {
      remove();
    }
  });

  it('reports every problem of a bad registration at once and stores nothing', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const migrated = await openDatabase({ dataDir: dir });
      await migrated.migrate();
      await migrated.close();
      const bad = [
        'add',
        '--issuer',
        'moodle',
        '--client-id',
        'c',
        '--auth-url',
        'ftp://x',
        '--token-url',
        'https://t',
        '--jwks-url',
        'https://j',
      ];
      const { error } = await platformCli(dir, bad);
      expect(error?.code).to.equal('LTI_REGISTRATION_INVALID');
      expect(error?.message)
        .to.contain('--issuer moodle is not an http(s) URL')
        .and.contain('--auth-url ftp://x')
        .and.contain('at least one --deployment-id');
      expect((await platformCli(dir, ['list'])).out).to.deep.equal(['No platforms are registered.']);
    } finally {
      remove();
    }
  });

  it('refuses to work on a database whose migrations are pending', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      expect((await platformCli(dir, ['list'])).error?.code).to.equal('STORE_MIGRATIONS_PENDING');
    } finally {
      remove();
    }
  });
});
