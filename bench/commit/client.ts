/**
 * The load of the commit benchmark, in a process of its own (started by run.ts) so the tool's CPU
 * is measured without it. Reads a JSON job file (argv[2]); each learner sends its commits in order,
 * one at a time, as one page does (scorm-again waits for a commit's answer before the next).
 *
 * Modes: `api` POSTs to the learner's commit URL (learners spread over the tool processes by
 * run.ts) over one persistent HTTP/1.1 connection per learner (a page's commits go over one
 * connection too): by default written and read directly on node:net (rawHttp.ts), or with
 * `client: 'http'` through node:http with a keep-alive agent, or with `client: 'fetch'` through
 * the global fetch (undici), as the benchmark did before; `floor` writes the same payloads as plain
 * single-row upserts through `pg`, pool `poolMax`.
 *
 * Loops: `closed` (every learner sends its next commit as soon as the previous one is answered:
 * the throughput is the capacity, and the latency is about learners ÷ throughput by construction)
 * or `open` (`rate` commits per second in total, learner i's k-th commit scheduled at
 * (k·learners + i) / rate: each learner commits every learners / rate seconds, whatever the
 * server does). In the open loop the latency is measured from the SCHEDULED time, not from when
 * the request went out, so a server that falls behind shows its queue in the latency instead of
 * slowing the load down (no coordinated omission); a learner whose previous commit is still
 * unanswered sends the next one right after it, late, and that lateness counts.
 *
 * Prints one JSON line: throughput, p50/p99, errors, how many commits were acknowledged and the
 * client's own CPU time.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { payload } from './payload';
import { RawHttpConnection } from './rawHttp';

export interface ClientJob {
  readonly mode: 'api' | 'floor';
  /**
   * api: one persistent HTTP/1.1 connection per learner over node:net (`raw`, default; rawHttp.ts),
   * node:http with a keep-alive agent (`http`), or the global fetch (undici), as measured before.
   */
  readonly client?: 'raw' | 'http' | 'fetch';
  readonly loop: 'closed' | 'open';
  /** Open loop: commits per second offered in total. */
  readonly rate?: number;
  readonly commitsEach: number;
  /** api: the commit URL (with token) per learner; floor: the row id per learner. */
  readonly learners: readonly { readonly target: string }[];
  readonly databaseUrl?: string;
  readonly poolMax?: number;
  /**
   * Requests per learner sent before the measured loop, so the load is measured as a browser
   * sends it: over connections already open, by code the JIT has compiled (without it, this
   * process's own start-up showed as 200–500 ms in the first second's p99). api: a commit body
   * without `seq`, which the tool refuses (400) without storing anything; floor: an upsert of a
   * row of its own. Then the client prints `{"warm":true}` and waits for a line on stdin, so the
   * tool's, PostgreSQL's and its own CPU are measured from there.
   */
  readonly warmup?: number;
}

export interface ClientResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly acknowledged: number;
  readonly errors: number;
  /** The first error's message, if any. */
  readonly firstError?: string;
  readonly seconds: number;
  /**
   * Where the slow commits are: p99 of each learner's first commit, of the middle ones, of the
   * final one, and of the commits answered in the first and in the last second of the run.
   */
  readonly p99By: {
    readonly first: number;
    readonly middle: number;
    readonly final: number;
    readonly firstSecond: number;
    readonly lastSecond: number;
  };
  /** The load process's own CPU time (user + system) in ms, for the whole run. */
  readonly clientCpuMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function measure(
  job: ClientJob,
  one: (learner: number, seq: number) => Promise<void>,
): Promise<Omit<ClientResult, 'clientCpuMs'>> {
  const learners = job.learners.length;
  const { commitsEach } = job;
  const interval = job.loop === 'open' ? 1000 / job.rate! : 0;
  const latencies: number[] = [];
  /** Per commit: latency, its place in the learner's commits, when it was answered. */
  const samples: { latency: number; seq: number; at: number }[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: learners }, async (_, learner) => {
      for (let seq = 1; seq <= commitsEach; seq += 1) {
        let t0 = performance.now();
        if (job.loop === 'open') {
          // The commit's place in the schedule; latency counts from here even when sent late.
          const scheduled = started + ((seq - 1) * learners + learner) * interval;
          if (scheduled > t0) await sleep(scheduled - t0);
          t0 = scheduled;
        }
        try {
          await one(learner, seq);
          const now = performance.now();
          latencies.push(now - t0);
          samples.push({ latency: now - t0, seq, at: now - started });
        } catch (error) {
          errors += 1;
          firstError ??= String(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p99Of = (keep: (sample: (typeof samples)[number]) => boolean) =>
    percentile(
      samples
        .filter(keep)
        .map((sample) => sample.latency)
        .sort((a, b) => a - b),
      99,
    );
  const end = samples.reduce((latest, sample) => Math.max(latest, sample.at), 0);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    acknowledged: latencies.length,
    p99By: {
      first: p99Of((sample) => sample.seq === 1),
      middle: p99Of((sample) => sample.seq > 1 && sample.seq < commitsEach),
      final: p99Of((sample) => sample.seq === commitsEach),
      firstSecond: p99Of((sample) => sample.at <= 1000),
      lastSecond: p99Of((sample) => sample.at > end - 1000),
    },
    errors,
    ...(firstError === undefined ? {} : { firstError }),
    seconds,
  };
}

/** One POST over the keep-alive agent; resolves with the status and body text. */
function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Says the warm-up is done and waits for the go (a line on stdin). */
async function warmedUp(): Promise<void> {
  console.log(JSON.stringify({ warm: true }));
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  await lines.next();
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ClientJob;
  const warmup = job.warmup ?? 0;
  const { learners, commitsEach } = job;
  const bodies = learners.map((_, learner) =>
    Array.from({ length: commitsEach }, (_, i) => payload(learner, i + 1, commitsEach)),
  );
  let result: Omit<ClientResult, 'clientCpuMs'>;
  let cpuAtStart = process.cpuUsage();
  if (job.mode === 'api') {
    const texts = bodies.map((commits) => commits.map((commit) => JSON.stringify(commit)));
    const urls = learners.map((learner) => new URL(learner.target));
    const agent = new http.Agent({ keepAlive: true, maxSockets: learners.length });
    const connections = urls.map((url) => new RawHttpConnection(url));
    const send = (learner: number, body: string) =>
      (job.client ?? 'raw') === 'raw'
        ? connections[learner]!.post(body)
        : job.client === 'fetch'
          ? fetch(urls[learner]!, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            }).then(async (res) => ({ status: res.status, text: await res.text() }))
          : post(agent, urls[learner]!, body);
    await Promise.all(
      learners.map(async (_, learner) => {
        for (let i = 0; i < warmup; i += 1) {
          const { status, text } = await send(learner, '{"cmi":{}}');
          if (status !== 400) throw new Error(`a warm-up commit without seq answered ${status}: ${text}`);
        }
      }),
    );
    await warmedUp();
    cpuAtStart = process.cpuUsage();
    result = await measure(job, async (learner, seq) => {
      const { status, text } = await send(learner, texts[learner]![seq - 1]!);
      if (status !== 200) throw new Error(`commit answered ${status}: ${text}`);
    });
    agent.destroy();
    for (const connection of connections) connection.close();
  } else {
    const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.poolMax ?? 20 });
    const upsert = (id: string, learner: number, seq: number) =>
      pool.query(
        `INSERT INTO bench_floor (id, seq, cmi) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, cmi = EXCLUDED.cmi`,
        [id, seq, JSON.stringify(bodies[learner]![seq - 1]!.cmi)],
      );
    try {
      await Promise.all(
        learners.map(async (_, learner) => {
          const own = randomUUID();
          for (let i = 0; i < warmup; i += 1) await upsert(own, learner, 1 + (i % commitsEach));
        }),
      );
      await warmedUp();
      cpuAtStart = process.cpuUsage();
      result = await measure(job, (learner, seq) =>
        upsert(learners[learner]!.target, learner, seq).then(() => undefined),
      );
    } finally {
      await pool.end();
    }
  }
  const cpu = process.cpuUsage(cpuAtStart);
  console.log(JSON.stringify({ ...result, clientCpuMs: (cpu.user + cpu.system) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
