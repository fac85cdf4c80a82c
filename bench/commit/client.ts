/**
 * The load of the commit benchmark, in a process of its own (started by run.ts) so the tool's CPU
 * is measured without it. Reads a JSON job file (argv[2]); each learner sends its commits in order,
 * as one page does, and all learners run at once. Mode `api`: POST to the learner's commit URL
 * (learners spread over the tool processes by run.ts). Mode `floor`: the same payloads as plain
 * single-row upserts through `pg`, pool `poolMax`. Prints one JSON line: throughput, p50/p99 and
 * how many commits were acknowledged.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { payload } from './payload';

export interface ClientJob {
  readonly mode: 'api' | 'floor';
  readonly commitsEach: number;
  /** api: the commit URL (with token) per learner; floor: the row id per learner. */
  readonly learners: readonly { readonly target: string }[];
  readonly databaseUrl?: string;
  readonly poolMax?: number;
}

export interface ClientResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly acknowledged: number;
  readonly seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(
  learners: number,
  commitsEach: number,
  one: (learner: number, seq: number) => Promise<void>,
): Promise<ClientResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: learners }, async (_, learner) => {
      for (let seq = 1; seq <= commitsEach; seq += 1) {
        const t0 = performance.now();
        await one(learner, seq);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    acknowledged: latencies.length,
    seconds,
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ClientJob;
  const { learners, commitsEach } = job;
  const bodies = learners.map((_, learner) =>
    Array.from({ length: commitsEach }, (_, i) => payload(learner, i + 1, commitsEach)),
  );
  let result: ClientResult;
  if (job.mode === 'api') {
    const texts = bodies.map((commits) => commits.map((commit) => JSON.stringify(commit)));
    result = await measure(learners.length, commitsEach, async (learner, seq) => {
      const res = await fetch(learners[learner]!.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: texts[learner]![seq - 1]!,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`commit answered ${res.status}: ${text}`);
    });
  } else {
    const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.poolMax ?? 20 });
    try {
      result = await measure(learners.length, commitsEach, async (learner, seq) => {
        await pool.query(
          `INSERT INTO bench_floor (id, seq, cmi) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, cmi = EXCLUDED.cmi`,
          [learners[learner]!.target, seq, JSON.stringify(bodies[learner]![seq - 1]!.cmi)],
        );
      });
    } finally {
      await pool.end();
    }
  }
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
