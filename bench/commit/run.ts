/**
 * Benchmark: N concurrent simulated learners (default 200) each committing a course's worth of
 * realistic SCORM 2004 CMI (bookmark, suspend data, progress, interactions, finally completion and
 * a passed score) through the real HTTP commit API (token check, body parsing, data model
 * validation, the conditional update and the grade outbox row) against PostgreSQL in a temporary
 * database of its own; and, in the same run, the same payloads written as plain single-row upserts
 * through `pg` with the same pool size (the floor).
 *
 * Processes: this one only prepares the database and reports. The tool runs in its own process(es)
 * (server.ts) and the load in another (client.ts), so the tool's CPU is measured without the load's.
 * With `--processes 2` the same load also runs against two tool processes sharing the database
 * (learners spread over both), after the one-process run, each on fresh attempts; every run checks
 * that the database holds exactly the commits that were acknowledged.
 *
 * Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:commit --
 *        [learners] [commits each] [--processes N] [--profile DIR]
 * (TEST_DATABASE_URL or DATABASE_URL work too; --profile DIR writes the tool processes' CPU profiles to DIR/p<processes>-<i>)
 */
import { LTI_ROLES } from '@kompetenta/core';
import { signAttemptToken } from '@kompetenta/lti-server/internal';
import { createTestDatabase } from '@kompetenta/test-utils';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { reportResult } from '../report';
import type { ClientJob, ClientResult } from './client';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}
const positional = process.argv
  .slice(2)
  .filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
const learners = Number(positional[0] ?? 200);
const commitsEach = Number(positional[1] ?? 10);
const processCounts = [...new Set([1, Number(option('--processes') ?? 1)])];
const profileDir = option('--profile');
const POOL = 20;

/** Starts a TypeScript file of this folder in a Node process of its own. */
function start(file: string, env: Record<string, string>, nodeFlags: string[] = []): Started {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(__dirname, file), ...(env.ARG ? [env.ARG] : [])],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Listened for at once: a child that has already ended must not be waited for forever.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  running.add(child);
  void exited.then(() => running.delete(child));
  return Object.assign(child, { exited });
}

type Started = ChildProcess & { readonly exited: Promise<void> };
/** Children still running, stopped when the run ends early. */
const running = new Set<ChildProcess>();

/** The JSON lines a child prints, in order. */
function jsonLines(child: ChildProcess): () => Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) throw new Error(`process ${child.pid} ended (exit ${child.exitCode}) before answering`);
    return JSON.parse(next.value) as Record<string, unknown>;
  };
}

function cpuMs(usage: unknown): number {
  const { user, system } = usage as { user: number; system: number };
  return (user + system) / 1000;
}

async function runClient(job: ClientJob, dir: string): Promise<ClientResult> {
  const file = join(dir, `job-${job.mode}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(job));
  const client = start('client.ts', { ARG: file });
  const result = (await jsonLines(client)()) as unknown as ClientResult;
  await client.exited;
  return result;
}

function machine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `load average ${load}`;
}

async function main(): Promise<void> {
  const test = await createTestDatabase('postgres');
  const { stores, knex } = test.db;
  const secret = randomBytes(32);
  const dir = mkdtempSync(join(tmpdir(), 'bench-commit-'));
  console.log(
    `Commit API benchmark, ${new Date().toISOString()}: ${learners} concurrent learners × ${commitsEach} commits, ` +
      `PostgreSQL (${test.url?.replace(/\/\/[^@]*@/, '//')}), pool ${POOL} per tool process`,
  );
  console.log(
    `  machine    : ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  console.log(`  at start   : ${machine()}`);
  try {
    const organisation = await stores.organisations.create({ name: 'Benchföreningen' });
    const platform = await stores.tenants.addPlatform({
      issuer: 'https://lms.bench.example',
      clientId: 'bench',
      name: 'Bench',
      authUrl: 'https://lms.bench.example/auth',
      tokenUrl: 'https://lms.bench.example/token',
      jwksUrl: 'https://lms.bench.example/jwks',
      status: 'approved',
    });
    const version = await stores.courses.registerVersion({
      courseSlug: 'handledare',
      courseTitle: 'Handledarutbildning',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256-bench',
      outline: {
        title: 'Handledarutbildning',
        masteryScore: 80,
        lessons: [{ id: 'h1', title: 'Rollen', minutes: 20 }],
      },
    });
    // Every learner launched from a graded link, so commits also write grade outbox rows.
    const link = await stores.resourceLinks.upsertFromLaunch({
      platformId: platform.id,
      deploymentId: 'd1',
      resourceLinkId: 'bench-link',
      organisationId: organisation.id,
      contextId: 'ctx',
      contextTitle: 'Bench',
      title: 'Kurslänk',
      agsLineItemUrl: 'https://lms.bench.example/lineitems/1',
      agsLineItemsUrl: 'https://lms.bench.example/lineitems',
      agsScopes: [],
      nrpsMembershipsUrl: null,
    });
    /** Fresh learners with one attempt each (every run starts from commit 0). */
    const seedLearners = (run: string) =>
      Promise.all(
        Array.from({ length: learners }, async (_, i) => {
          const person = await stores.people.upsertByLti({
            organisationId: organisation.id,
            ltiIssuer: platform.issuer,
            ltiSubject: `${run}-learner-${i}`,
            name: `Deltagare ${i}`,
            roles: [LTI_ROLES.contextLearner],
          });
          const attempt = await stores.attempts.create({
            organisationId: organisation.id,
            personId: person.id,
            courseVersionId: version.id,
            ltiResourceLinkId: link.id,
            scormVersion: '2004',
          });
          const token = await signAttemptToken(
            secret,
            { attemptId: attempt.id, organisationId: organisation.id, personId: person.id },
            new Date(),
          );
          return { attemptId: attempt.id, path: `/api/attempts/${attempt.id}/commit?token=${token}` };
        }),
      );

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const results: { processes: number; result: ClientResult }[] = [];
    for (const processes of processCounts) {
      const seeded = await seedLearners(`p${processes}`);
      const servers = Array.from({ length: processes }, (_, i) =>
        start(
          'server.ts',
          {
            BENCH_SERVER_DATABASE_URL: test.url!,
            BENCH_SERVER_SECRET: secret.toString('hex'),
            BENCH_SERVER_POOL: String(POOL),
          },
          profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `p${processes}-${i}`)}`] : [],
        ),
      );
      const readers = servers.map(jsonLines);
      const ready = await Promise.all(readers.map((read) => read()));
      const result = await runClient(
        {
          mode: 'api',
          commitsEach,
          // Round robin: learner i talks to tool process i mod N, as a load balancer would spread pages.
          learners: seeded.map((learner, i) => ({
            target: `http://127.0.0.1:${String(ready[i % processes]!.port)}${learner.path}`,
          })),
        },
        dir,
      );
      for (const server of servers) server.kill('SIGTERM');
      const stopped = await Promise.all(readers.map((read) => read()));
      await Promise.all(servers.map((server) => server.exited));
      const serverCpu = stopped.reduce((sum, line, i) => sum + cpuMs(line.cpu) - cpuMs(ready[i]!.cpu), 0);
      const ids = seeded.map((learner) => learner.attemptId);
      const stored = (
        await knex.raw<{ rows: { commits: string; finished: string }[] }>(
          `SELECT COALESCE(SUM(commit_seq), 0) AS commits, COUNT(*) FILTER (WHERE commit_seq = ?) AS finished
           FROM attempts WHERE id = ANY(?::uuid[])`,
          [commitsEach, ids],
        )
      ).rows[0];
      const grades = (
        await knex.raw<{ rows: { c: string }[] }>(
          `SELECT COUNT(*) AS c FROM outbox WHERE topic = 'grade' AND payload->>'attemptId' = ANY(?::text[])`,
          [ids],
        )
      ).rows;
      results.push({ processes, result });
      const label = `${processes} process${processes === 1 ? ' ' : 'es'}`;
      console.log(
        `  ${label}: ${result.perSecond.toFixed(0)} commits/s, p50 ${ms(result.p50)}, p99 ${ms(result.p99)} ` +
          `(${result.acknowledged} acknowledged in ${result.seconds.toFixed(1)} s); tool CPU ${(serverCpu / result.acknowledged).toFixed(2)} ms per commit`,
      );
      console.log(
        `    check    : ${stored?.commits} commits stored for ${result.acknowledged} acknowledged ` +
          `(${Number(stored?.commits) === result.acknowledged ? 'none lost' : 'MISMATCH'}); ${stored?.finished} of ${learners} attempts at seq ${commitsEach}; ${grades[0]?.c} grade outbox rows (first and final commit of each learner)`,
      );
    }

    await knex.raw('CREATE TABLE bench_floor (id uuid PRIMARY KEY, seq bigint NOT NULL, cmi jsonb NOT NULL)');
    const floorIds = await seedLearners('floor');
    const floor = await runClient(
      {
        mode: 'floor',
        commitsEach,
        learners: floorIds.map((learner) => ({ target: learner.attemptId })),
        databaseUrl: test.url!,
        poolMax: POOL,
      },
      dir,
    );
    console.log(
      `  pg floor   : ${floor.perSecond.toFixed(0)} upserts/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)} (one process, pool ${POOL})`,
    );
    for (const { processes, result } of results)
      console.log(
        `  ratio      : ${processes} process${processes === 1 ? '' : 'es'} at ${((result.perSecond / floor.perSecond) * 100).toFixed(0)} % of the floor's throughput`,
      );
    if (results.length > 1)
      console.log(
        `  scaling    : ${processCounts.at(-1)} processes ÷ 1 process = ${(results.at(-1)!.result.perSecond / results[0]!.result.perSecond).toFixed(2)}`,
      );
    console.log(`  at end     : ${machine()}`);
    for (const { processes, result } of results)
      reportResult({
        name: `commit ${processes}p`,
        figure: Math.round(result.perSecond),
        unit: 'commits/s',
        floor: Math.round(floor.perSecond),
        ratio: Number((result.perSecond / floor.perSecond).toFixed(3)),
        ratioMeaning: 'our throughput / floor throughput',
        details: {
          learners,
          commitsEach,
          processes,
          p50Ms: Number(result.p50.toFixed(1)),
          p99Ms: Number(result.p99.toFixed(1)),
          load: loadavg()[0]!.toFixed(2),
        },
      });
  } finally {
    for (const child of running) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await test.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
