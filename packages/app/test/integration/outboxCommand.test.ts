import { AppError, isAppError } from '@kompetenta/core';
import { openDatabase, type Database } from '@kompetenta/storage';
import { createTestDatabase, temporaryDataDir, testEngines } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { Command } from 'commander';
import { registerOutboxCommand } from '../../src/cli/commands/outbox';
import { loadConfig } from '../../src/config/loadConfig';

/** Runs `kompetenta outbox …` with this environment, capturing output and the error. */
async function outboxCli(
  env: Record<string, string>,
  argv: string[],
): Promise<{ out: string[]; error: AppError | undefined }> {
  const out: string[] = [];
  const program = new Command('kompetenta').exitOverride();
  registerOutboxCommand(program, {
    cwd: process.cwd(),
    coursesDir: './courses',
    out: (line) => out.push(line),
    err: () => undefined,
    config: () => loadConfig(env, process.cwd()),
  });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(['outbox', ...argv], { from: 'user' });
    return { out, error: undefined };
  } catch (error) {
    if (isAppError(error)) return { out, error };
    throw error;
  }
}

/** A migrated database the CLI can open by its configuration, on each engine. */
async function databaseFor(
  engine: string,
): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const test = await createTestDatabase('postgres');
    await test.db.close(); // the CLI opens its own connection, as it does in production
    return { env: { DATABASE_URL: test.url! }, dispose: () => test.dispose() };
  }
  const { dir, remove } = temporaryDataDir();
  const db = await openDatabase({ dataDir: dir });
  await db.migrate();
  await db.close();
  return { env: { DATA_DIR: dir }, dispose: () => Promise.resolve(remove()) };
}

async function withStores<T>(env: Record<string, string>, work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(env, process.cwd());
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

for (const engine of testEngines()) {
  describe(`kompetenta outbox [${engine}]`, () => {
    it('lists a grade the LMS refused, queues it again once, audited, and refuses what cannot be retried', async function () {
      this.timeout(120_000);
      const database = await databaseFor(engine);
      try {
        const { failedId, sentId } = await withStores(database.env, async (db) => {
          const refused = await db.stores.outbox.enqueue({
            topic: 'grade',
            idempotencyKey: 'grade:attempt-7:3',
            orderingKey: 'grade:attempt-7',
            payload: { attemptId: 'attempt-7' },
          });
          const fine = await db.stores.outbox.enqueue({
            topic: 'mail',
            idempotencyKey: 'mail:1',
            payload: {},
          });
          await db.stores.outbox.claim('w', { limit: 10, leaseMs: 60_000 });
          await db.stores.outbox.markFailed(
            refused.id,
            'w',
            'GRADE_SCORE_REJECTED: answered 400: unknown user',
          );
          await db.stores.outbox.markSent(fine.id, 'w');
          return { failedId: refused.id, sentId: fine.id };
        });

        const listed = await outboxCli(database.env, ['list', '--status', 'failed', '--topic', 'grade']);
        expect(listed.error).to.equal(undefined);
        expect(listed.out).to.have.length(1);
        expect(listed.out[0]).to.match(new RegExp(`^${failedId}  failed   grade  tries 1  created `));
        expect(listed.out[0]).to.contain('attempt attempt-7');
        expect(listed.out[0]).to.contain('last error: GRADE_SCORE_REJECTED: answered 400: unknown user');
        expect((await outboxCli(database.env, ['list', '--topic', 'mail'])).out[0]).to.match(
          new RegExp(`^${sentId}  sent     mail `),
        );

        const retried = await outboxCli(database.env, ['retry', String(failedId)]);
        expect(retried.error).to.equal(undefined);
        expect(retried.out).to.deep.equal([
          `Outbox message ${failedId} (grade, attempt attempt-7) is queued again and goes out shortly.`,
        ]);
        await withStores(database.env, async (db) => {
          const [message] = (await db.stores.outbox.list({ status: 'pending' })).filter(
            (m) => m.id === failedId,
          );
          expect(message).to.include({ tries: 0 });
          const [entry] = await db.stores.audit.list({ action: 'outbox.retry' });
          expect(entry).to.include({ actor: 'cli', subject: `outbox:${failedId}` });
          expect(entry?.details).to.deep.include({ topic: 'grade', idempotencyKey: 'grade:attempt-7:3' });
        });

        expect((await outboxCli(database.env, ['retry', String(failedId)])).error?.code).to.equal(
          'STORE_RECORD_CONFLICT',
        );
        expect((await outboxCli(database.env, ['retry', '999999'])).error?.code).to.equal(
          'STORE_RECORD_NOT_FOUND',
        );
        const usage = await outboxCli(database.env, ['list', '--status', 'lost', '--topic', 'sms']);
        expect(usage.error?.code).to.equal('APP_USAGE_INVALID');
        expect(usage.error?.message).to.equal(
          '--status must be one of pending, sent, failed; --topic must be one of grade, mail.',
        );
        expect((await outboxCli(database.env, ['retry', 'abc'])).error?.code).to.equal('APP_USAGE_INVALID');
        await withStores(database.env, async (db) => {
          expect(
            await db.stores.audit.list({ action: 'outbox.retry' }),
            'refusals are not audited',
          ).to.have.length(1);
        });
      } finally {
        await database.dispose();
      }
    });
  });
}
