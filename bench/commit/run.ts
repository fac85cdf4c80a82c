/**
 * Benchmark: N concurrent simulated learners (default 200) each committing a course's worth of
 * realistic SCORM 2004 CMI (bookmark, suspend data, progress, interactions, finally completion and
 * a passed score) through the real HTTP commit API (token check, body parsing, data model
 * validation, the conditional update and the grade outbox row) against PostgreSQL in a temporary
 * database of its own; and, in the same run, the same payloads written as plain single-row upserts
 * through `pg` with the same pool size (the floor).
 *
 * Two loops against the same tool process(es), each on fresh attempts:
 * - CLOSED (capacity): every learner sends its next commit as soon as the previous one is
 *   answered. This measures how many commits per second the tool can take. Its latency is not a
 *   user-facing figure: with L learners always waiting, latency ≈ L ÷ throughput by Little's law
 *   (200 learners at 1,000/s would be 200 ms whatever the server does), so "p99 < 100 ms at 200
 *   learners" cannot be read from it.
 * - OPEN (latency at a given load): the same learners, but their commits are OFFERED at a fixed
 *   total rate (`--rate`, default 1,000/s; each learner every learners ÷ rate seconds, one commit
 *   at a time as a page does). Latency is measured from each commit's scheduled time, so a server
 *   that falls behind shows its queue in p99 rather than slowing the load (no coordinated
 *   omission). Reported: the achieved rate (below the offered one when the tool cannot keep up),
 *   p50/p99/max and errors. This is what "1,000 commits/s with p99 < 100 ms at 200 concurrent
 *   learners" means. `--open-commits` commits per learner (default 30: 6 s at 1,000/s).
 * Every run checks that the database holds exactly the commits that were acknowledged.
 *
 * Warm-up (`--warmup N`, default 10 per learner): before each measured loop the load client sends
 * N requests per learner that change nothing — commit bodies without `seq`, refused with 400 — so
 * its connections are open and its code compiled, as a learner's browser is when the page has
 * loaded (without it, the client's own start-up was half a second of the open loop's first-second
 * p99); the floor's client likewise upserts rows of its own first. All CPU figures, rates and
 * latencies are measured from the end of the warm-up.
 *
 * Processes: this one only prepares the database and reports. The tool runs in its own process(es)
 * (server.ts) and the load in another (client.ts, one persistent HTTP/1.1 connection per learner), so the tool's CPU is
 * measured without the load's. With `--processes 2` the same runs are repeated against two tool
 * processes sharing the database (learners spread over both). CPU per commit is reported for the
 * tool (user + system), the load client and PostgreSQL (its processes' CPU from /proc, when it
 * runs on this machine), and how busy the machine was in total (so work of others shows).
 *
 * Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:commit --
 *        [learners] [commits each] [--processes N] [--rate R] [--open-commits N] [--warmup N] [--stack lti|app] [--pool N] [--client raw|http|fetch] [--profile DIR]
 * (--stack app: the tool process serves the app's createServerApp — secure headers and a request
 * log line per request, as `npm start` does — instead of lti-server's bare createApp)
 * (TEST_DATABASE_URL or DATABASE_URL work too; --profile DIR writes the tool processes' CPU profiles to DIR/p<processes>-<i>)
 */
import { LTI_ROLES } from '@kompetenta/core';
import { signAttemptToken } from '@kompetenta/lti-server/internal';
import { createTestDatabase } from '@kompetenta/test-utils';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const rate = Number(option('--rate') ?? 1000);
const openCommitsEach = Number(option('--open-commits') ?? 30);
/** `lti`: lti-server's createApp (default); `app`: the app's createServerApp, as `npm start` serves. */
const stack = option('--stack') ?? 'lti';
/**
 * The load client's HTTP: one persistent connection per learner on node:net (`raw`, default;
 * rawHttp.ts), node:http keep-alive (`http`) or fetch (undici), as measured before.
 */
const httpClient = (option('--client') ?? 'raw') as 'raw' | 'http' | 'fetch';
if (httpClient !== 'raw' && httpClient !== 'http' && httpClient !== 'fetch')
  throw new Error(`--client is raw, http or fetch, not ${String(httpClient)}`);
if (stack !== 'lti' && stack !== 'app') throw new Error(`--stack is lti or app, not ${stack}`);
/** Database connections per tool process, and of the floor's pool. */
const POOL = Number(option('--pool') ?? 20);
/**
 * Requests per learner the load client sends before it is measured (ClientJob.warmup): a commit
 * the tool refuses without storing anything, or for the floor an upsert of a row of its own.
 */
const WARMUP = Number(option('--warmup') ?? 10);
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU time (ms) of each PostgreSQL backend serving `database` on this machine, by pid. */
function backendTicks(database: string): Map<string, number> | null {
  const ticks = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        // A backend's title: "postgres: <user> <database> <client> <state>".
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime
      } catch {
        continue; // ended meanwhile
      }
    }
    return ticks;
  } catch {
    return null;
  }
}

/**
 * The PostgreSQL CPU time spent for this benchmark's database while it runs: its backends are
 * sampled from /proc every 100 ms (a backend that ends between two samples loses at most that),
 * so other work on the same server is not counted. /proc counts whole clock ticks (10 ms) per
 * backend, so with the tool's 20 connections the figure may be up to 0.2 s short: about 0.1 ms per
 * commit over 2,000 commits, 0.03 ms over 6,000. Null when PostgreSQL is not on this machine.
 */
function postgresCpu(database: string): { stop(): number | null } {
  const first = backendTicks(database);
  const last = new Map(first ?? []);
  const sample = () => {
    for (const [pid, value] of backendTicks(database) ?? []) last.set(pid, value);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      if (first === null || last.size === 0) return null;
      let ticks = 0;
      for (const [pid, value] of last) ticks += value - (first.get(pid) ?? 0);
      return (ticks / TICKS) * 1000;
    },
  };
}

/** The whole machine's busy and total CPU time (ms, all cores) from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1)
      .map((field) => Number(field));
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy: (busy / TICKS) * 1000, total: ((busy + idle! + iowait!) / TICKS) * 1000 };
  } catch {
    return null;
  }
}

/** Starts a TypeScript file of this folder in a Node process of its own. */
function start(file: string, env: Record<string, string>, nodeFlags: string[] = []): Started {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(__dirname, file), ...(env.ARG ? [env.ARG] : [])],
    {
      env: { ...process.env, ...env },
      // stdin: the load client waits there for the go after its warm-up (see runClient).
      stdio: ['pipe', 'pipe', 'inherit'],
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

function cpuMs(usage: unknown): { user: number; system: number } {
  const { user, system } = usage as { user: number; system: number };
  return { user: user / 1000, system: system / 1000 };
}

/**
 * Runs the load client on `job`: it warms up first (see ClientJob.warmup), says so, and waits;
 * `measureFrom` takes the CPU readings the run is measured from; then the client is told to go.
 */
async function runClient(
  job: ClientJob,
  dir: string,
  measureFrom: () => Promise<void>,
): Promise<ClientResult> {
  const file = join(dir, `job-${job.mode}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ ...job, warmup: WARMUP }));
  const client = start('client.ts', { ARG: file });
  const read = jsonLines(client);
  const warm = await read();
  if (warm.warm !== true) throw new Error(`the load client did not warm up: ${JSON.stringify(warm)}`);
  await measureFrom();
  client.stdin!.end('go\n');
  const result = (await read()) as unknown as ClientResult;
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
  const database = new URL(test.url!).pathname.slice(1);
  console.log(
    `Commit API benchmark, ${new Date().toISOString()}: ${learners} concurrent learners × ${commitsEach} commits, ` +
      `PostgreSQL (${test.url?.replace(/\/\/[^@]*@/, '//')}), pool ${POOL} per tool process, stack ${stack === 'app' ? "the app's createServerApp" : "lti-server's createApp"}, load client ${httpClient === 'fetch' ? 'fetch' : httpClient === 'http' ? 'node:http keep-alive' : 'node:net keep-alive (rawHttp.ts)'}`,
  );
  console.log(
    `  machine    : ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  const migrated = (
    await knex.raw<{ rows: { name: string }[] }>('SELECT name FROM knex_migrations ORDER BY id DESC LIMIT 1')
  ).rows[0]?.name;
  console.log(`  schema     : migrated to ${migrated ?? 'unknown'}`);
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
    /** What the database holds for these attempts, against what the client saw acknowledged. */
    const check = async (ids: string[], result: ClientResult, each: number) => {
      const stored = (
        await knex.raw<{ rows: { commits: string; finished: string }[] }>(
          `SELECT COALESCE(SUM(commit_seq), 0) AS commits, COUNT(*) FILTER (WHERE commit_seq = ?) AS finished
           FROM attempts WHERE id = ANY(?::uuid[])`,
          [each, ids],
        )
      ).rows[0];
      const grades = (
        await knex.raw<{ rows: { c: string }[] }>(
          `SELECT COUNT(*) AS c FROM outbox WHERE topic = 'grade' AND payload->>'attemptId' = ANY(?::text[])`,
          [ids],
        )
      ).rows;
      const ok = Number(stored?.commits) === result.acknowledged && result.errors === 0;
      console.log(
        `    check    : ${stored?.commits} commits stored for ${result.acknowledged} acknowledged, ${result.errors} errors ` +
          `(${ok ? 'none lost' : 'MISMATCH'}); ${stored?.finished} of ${learners} attempts at seq ${each}; ${grades[0]?.c} grade outbox rows (first and final commit of each learner)` +
          (result.firstError ? `; first error: ${result.firstError}` : ''),
      );
      return ok;
    };

    interface ServerState {
      readonly user: number;
      readonly system: number;
      readonly connections: number;
    }
    interface Measured {
      readonly processes: number;
      readonly loop: 'closed' | 'open';
      readonly result: ClientResult;
      readonly ok: boolean;
      /** CPU per commit (ms): tool, load client, PostgreSQL (null when not on this machine). */
      readonly cpu: { readonly tool: number; readonly client: number; readonly postgres: number | null };
    }
    const results: Measured[] = [];
    for (const processes of processCounts) {
      const servers = Array.from({ length: processes }, (_, i) =>
        start(
          'server.ts',
          {
            BENCH_SERVER_DATABASE_URL: test.url!,
            BENCH_SERVER_SECRET: secret.toString('hex'),
            BENCH_SERVER_POOL: String(POOL),
            BENCH_SERVER_STACK: stack,
          },
          profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `p${processes}-${i}`)}`] : [],
        ),
      );
      const readers = servers.map(jsonLines);
      const ready = await Promise.all(readers.map((read) => read()));
      /** The tool processes' CPU and connection counts so far (SIGUSR2 makes each print them). */
      const serverState = async (signal: NodeJS.Signals) => {
        for (const server of servers) server.kill(signal);
        const lines = await Promise.all(readers.map((read) => read()));
        return lines.reduce<ServerState>(
          (sum, line) => {
            const cpu = cpuMs(line.cpu);
            return {
              user: sum.user + cpu.user,
              system: sum.system + cpu.system,
              connections: sum.connections + Number(line.connections),
            };
          },
          { user: 0, system: 0, connections: 0 },
        );
      };
      const runs: { loop: 'closed' | 'open'; each: number }[] = [
        { loop: 'closed', each: commitsEach },
        { loop: 'open', each: openCommitsEach },
      ];
      /** The tool processes' state at the end of the load client's warm-up, each run. */
      let before: ServerState = { user: 0, system: 0, connections: 0 };
      for (const [index, { loop, each }] of runs.entries()) {
        const seeded = await seedLearners(`p${processes}-${loop}`);
        // Measured from the end of the load client's warm-up (taken in measureFrom below).
        const from: {
          pg?: ReturnType<typeof postgresCpu>;
          machine?: ReturnType<typeof machineCpuMs>;
          load?: number;
        } = {};
        const result = await runClient(
          {
            mode: 'api',
            client: httpClient,
            loop,
            ...(loop === 'open' ? { rate } : {}),
            commitsEach: each,
            // Round robin: learner i talks to tool process i mod N, as a load balancer would spread pages.
            learners: seeded.map((learner, i) => ({
              target: `http://127.0.0.1:${String(ready[i % processes]!.port)}${learner.path}`,
            })),
          },
          dir,
          async () => {
            before = await serverState('SIGUSR2');
            from.pg = postgresCpu(database);
            from.machine = machineCpuMs();
            from.load = loadavg()[0]!;
          },
        );
        const { pg, machine: machineBefore, load: loadAtStart = 0 } = from;
        const pgCpu = pg!.stop();
        const machineAfter = machineCpuMs();
        const after = await serverState(index === runs.length - 1 ? 'SIGTERM' : 'SIGUSR2');
        const n = result.acknowledged;
        const per = (value: number) => (value / n).toFixed(2);
        const label = `${processes} process${processes === 1 ? ' ' : 'es'}`;
        const head =
          loop === 'closed'
            ? `  ${label} closed loop: ${result.perSecond.toFixed(0)} commits/s, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}`
            : `  ${label} open loop at ${rate}/s offered: ${result.perSecond.toFixed(0)} commits/s achieved, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, max ${ms(result.max)}`;
        console.log(
          `${head} (${n} acknowledged in ${result.seconds.toFixed(1)} s; load average ${loadAtStart.toFixed(2)} at its start)`,
        );
        const by = result.p99By;
        console.log(
          `    p99 of   : first commits ${ms(by.first)}, middle ${ms(by.middle)}, final ${ms(by.final)}; ` +
            `answered in the first second ${ms(by.firstSecond)}, in the last second ${ms(by.lastSecond)}`,
        );
        const machine =
          machineBefore && machineAfter
            ? {
                busy: machineAfter.busy - machineBefore.busy,
                total: machineAfter.total - machineBefore.total,
              }
            : null;
        const toolCpu = after.user - before.user + after.system - before.system;
        const ours = toolCpu + result.clientCpuMs + (pgCpu ?? 0);
        console.log(
          `    CPU/commit: tool ${per(toolCpu)} ms ` +
            `(user ${per(after.user - before.user)}, system ${per(after.system - before.system)}), ` +
            `load client ${per(result.clientCpuMs)} ms, PostgreSQL ${pgCpu === null ? 'n/a' : `${per(pgCpu)} ms`}; ` +
            (machine
              ? `machine ${((100 * machine.busy) / machine.total).toFixed(0)} % busy (these three ${((100 * ours) / machine.total).toFixed(0)} %; the rest is everything else); `
              : '') +
            `${after.connections - before.connections} TCP connections opened`,
        );
        const ok = await check(
          seeded.map((learner) => learner.attemptId),
          result,
          each,
        );
        results.push({
          processes,
          loop,
          result,
          ok,
          cpu: {
            tool: toolCpu / n,
            client: result.clientCpuMs / n,
            postgres: pgCpu === null ? null : pgCpu / n,
          },
        });
      }
      await Promise.all(servers.map((server) => server.exited));
    }

    await knex.raw('CREATE TABLE bench_floor (id uuid PRIMARY KEY, seq bigint NOT NULL, cmi jsonb NOT NULL)');
    const floorIds = await seedLearners('floor');
    let floorPg!: ReturnType<typeof postgresCpu>;
    const floor = await runClient(
      {
        mode: 'floor',
        loop: 'closed',
        commitsEach,
        learners: floorIds.map((learner) => ({ target: learner.attemptId })),
        databaseUrl: test.url!,
        poolMax: POOL,
      },
      dir,
      () => {
        floorPg = postgresCpu(database);
        return Promise.resolve();
      },
    );
    const floorPgCpu = floorPg.stop();
    console.log(
      `  pg floor   : ${floor.perSecond.toFixed(0)} upserts/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)} (one process, pool ${POOL}, closed loop); ` +
        `CPU per upsert: client ${(floor.clientCpuMs / floor.acknowledged).toFixed(2)} ms, PostgreSQL ${floorPgCpu === null ? 'n/a' : `${(floorPgCpu / floor.acknowledged).toFixed(2)} ms`}`,
    );
    for (const { processes, loop, result } of results)
      if (loop === 'closed')
        console.log(
          `  ratio      : ${processes} process${processes === 1 ? '' : 'es'} at ${((result.perSecond / floor.perSecond) * 100).toFixed(0)} % of the floor's throughput`,
        );
    const closed = results.filter((r) => r.loop === 'closed');
    if (closed.length > 1)
      console.log(
        `  scaling    : ${processCounts.at(-1)} processes ÷ 1 process = ${(closed.at(-1)!.result.perSecond / closed[0]!.result.perSecond).toFixed(2)}`,
      );
    for (const { processes, result } of results.filter((r) => r.loop === 'open'))
      console.log(
        `  target     : ${processes} process${processes === 1 ? '' : 'es'}: ${result.perSecond.toFixed(0)} of ${rate} commits/s offered, p99 ${ms(result.p99)} — ` +
          `${result.perSecond >= 0.98 * rate && result.p99 < 100 && result.errors === 0 ? 'met' : 'NOT met'} (≥ 1,000/s with p99 < 100 ms)`,
      );
    console.log(`  at end     : ${machine()}`);
    for (const { processes, loop, result, cpu } of results)
      reportResult({
        name: loop === 'closed' ? `commit ${processes}p closed` : `commit ${processes}p open ${rate}/s`,
        figure: Math.round(result.perSecond),
        unit: 'commits/s',
        floor: Math.round(floor.perSecond),
        ratio: Number((result.perSecond / floor.perSecond).toFixed(3)),
        ratioMeaning: 'our throughput / floor throughput',
        details: {
          learners,
          commitsEach: loop === 'closed' ? commitsEach : openCommitsEach,
          processes,
          p50Ms: Number(result.p50.toFixed(1)),
          p99Ms: Number(result.p99.toFixed(1)),
          errors: result.errors,
          toolCpuMsPerCommit: Number(cpu.tool.toFixed(2)),
          clientCpuMsPerCommit: Number(cpu.client.toFixed(2)),
          ...(cpu.postgres === null ? {} : { postgresCpuMsPerCommit: Number(cpu.postgres.toFixed(2)) }),
          load: loadavg()[0]!.toFixed(2),
        },
      });
    if (results.some((r) => !r.ok)) process.exitCode = 1;
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
