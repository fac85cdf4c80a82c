/**
 * Benchmark of the exports and the dashboard on large data: npm run bench:export
 *
 * Seeds 100,000 people and 1,000,000 attendance rows in a fresh PostgreSQL database
 * (TEST_DATABASE_URL or DATABASE_URL names the server; default postgres://postgres@127.0.0.1:5432/postgres),
 * exports the per-participant records through our code as CSV and XLSX, each in its own process
 * (peak RSS sampled every 20 ms), then `psql -c "\copy (...) to file csv"` of the same rows as
 * the floor, and times the dashboard per view: p50/p95 of 20 loads on unchanged data (counts from
 * report_cache), of 20 loads each right after a check-in, a completion and a gender change (the
 * stored counts brought forward by what the write changes, migration 010), and a move to another
 * organisation (likewise, migration 011), and of 3 loads right after an organisation is renamed
 * (every count recounted from the raw rows). The writes are undone at the end.
 * The database is dropped at the end.
 *
 * `--reuse` (npm run bench:export -- --reuse) keeps the seeded data between runs instead: it uses a
 * database of its own, `kompetenta_bench_export`, seeds it only when it does not hold the data yet,
 * migrates it (so new indexes and tables apply) and leaves it in place at the end.
 * `--only=export` or `--only=dashboard` measures one half (the other is skipped).
 */
import { MUNICIPALITIES } from '@kompetenta/core';
import { loadDashboard, type DashboardViewer } from '@kompetenta/lti-server/internal';
import { KnexReportingStore, openDatabase } from '@kompetenta/storage';
import { createTestDatabase, type TestDatabase } from '@kompetenta/test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { reportResult } from '../report';
import { ATTENDANCE_FLOOR_QUERY, PARTICIPANT_FLOOR_QUERY, SEED_SQL } from './seed.sql';

process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MB = 1024 * 1024;

interface ChildResult {
  rows: number;
  attendance: number;
  ms: number;
  peakRss: number;
}

function exportInChild(url: string, format: 'csv' | 'xlsx', file: string): ChildResult {
  const out = execFileSync(process.execPath, [join(__dirname, 'exportChild.mjs'), url, format, file], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

function psqlCopy(url: string, query: string, file: string): number {
  const started = performance.now();
  execFileSync('psql', [
    url,
    '-X',
    '-q',
    '-c',
    `\\copy (${query.replace(/\s+/g, ' ').trim()}) to '${file}' csv`,
  ]);
  return performance.now() - started;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The database `--reuse` keeps between runs: never `test` or `postgres`. */
const REUSED_DATABASE = 'kompetenta_bench_export';
const SEEDED_PEOPLE = 100_000;
/** Dashboard loads timed right after a check-in and after a completion, per view (deltas). */
const AFTER_DELTA_LOADS = 20;
/** Dashboard loads timed right after an organisation is renamed, per view (each recounts everything: seconds). */
const AFTER_RECOUNT_LOADS = 3;

/** The reused bench database, created if missing and migrated; kept on dispose. */
async function reusedDatabase(): Promise<TestDatabase> {
  const server = new URL(process.env.TEST_DATABASE_URL!);
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [REUSED_DATABASE]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${REUSED_DATABASE}`);
  } finally {
    await admin.end();
  }
  server.pathname = `/${REUSED_DATABASE}`;
  const db = await openDatabase({ url: server.toString(), poolMax: 20 });
  await db.migrate();
  return { db, url: server.toString(), dispose: () => db.close() };
}

function printLoad(when: string): void {
  const [one, five, fifteen] = loadavg().map((load) => load.toFixed(2));
  console.log(`load average ${when}: ${one} ${five} ${fifteen} (1, 5, 15 min; 2 cores shared)`);
}

async function main(): Promise<void> {
  const reuse = process.argv.includes('--reuse');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const work = mkdtempSync(join(tmpdir(), 'kompetenta-bench-export-'));
  const test = reuse ? await reusedDatabase() : await createTestDatabase('postgres');
  const url = test.url!;
  try {
    const knex = test.db.knex;
    const started = performance.now();
    const [present] = await knex('people').count<{ count: string | number }[]>({ count: '*' });
    if (Number(present!.count) === SEEDED_PEOPLE) {
      console.log(`reusing the seeded database ${REUSED_DATABASE}`);
      await knex.raw('ANALYZE');
    } else {
      if (Number(present!.count) !== 0)
        throw new Error(
          `${REUSED_DATABASE} holds partial data: DROP DATABASE ${REUSED_DATABASE} and run again`,
        );
      await knex.raw('CREATE TABLE bench_municipalities (n int PRIMARY KEY, code text NOT NULL)');
      await knex('bench_municipalities').insert(MUNICIPALITIES.map((m, n) => ({ n, code: m.code })));
      for (const statement of SEED_SQL) await knex.raw(statement);
      await knex.raw('DROP TABLE bench_municipalities');
    }
    const seeded: { rows: Record<string, string>[] } = await knex.raw(
      `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM attendance) AS attendance, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM attempts) AS attempts`,
    );
    const counts = seeded.rows[0];
    console.log(
      `seeded ${counts!.people} people, ${counts!.attendance} attendance rows, ${counts!.events} events, ${counts!.attempts} attempts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    printLoad('before measuring');
    // Each result is printed as soon as it is measured, so a long run shows its progress.
    const lines = { push: (...printed: string[]) => printed.forEach((line) => console.log(line)) };
    if (only !== 'dashboard') {
      const csv = exportInChild(url, 'csv', join(work, 'participants.csv'));
      const xlsx = exportInChild(url, 'xlsx', join(work, 'participants.xlsx'));
      const floorFile = join(work, 'floor.csv');
      const floorMs = psqlCopy(url, PARTICIPANT_FLOOR_QUERY, floorFile);
      const floorRows = Number(
        execFileSync('wc', ['-l', floorFile], { encoding: 'utf8' }).trim().split(' ')[0],
      );
      const rawMs = psqlCopy(url, ATTENDANCE_FLOOR_QUERY, join(work, 'attendance.csv'));
      const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
      for (const [name, result, file] of [
        ['CSV ', csv, 'participants.csv'],
        ['XLSX', xlsx, 'participants.xlsx'],
      ] as const) {
        lines.push(
          `our ${name}: ${result.rows} participant rows (${result.attendance} attendance entries) in ${(result.ms / 1000).toFixed(2)} s = ${perSecond(result.rows, result.ms)} rows/s (${perSecond(result.attendance, result.ms)} attendance/s), peak RSS ${(result.peakRss / MB).toFixed(0)} MB, ${(statSync(join(work, file)).size / MB).toFixed(1)} MB file`,
        );
      }
      lines.push(
        `floor psql \\copy of the same participant rows: ${floorRows} rows in ${(floorMs / 1000).toFixed(2)} s = ${perSecond(floorRows, floorMs)} rows/s`,
        `raw psql \\copy of the 1,000,000 attendance rows (joined, not aggregated): ${(rawMs / 1000).toFixed(2)} s`,
        `ratio CSV/floor speed: ${(floorMs / csv.ms).toFixed(2)} (target >= 0.5); XLSX/floor: ${(floorMs / xlsx.ms).toFixed(2)}`,
        `peak RSS target < 200 MB: CSV ${csv.peakRss < 200 * MB ? 'met' : 'NOT met'}, XLSX ${xlsx.peakRss < 200 * MB ? 'met' : 'NOT met'}`,
      );
      for (const [name, result] of [
        ['CSV', csv],
        ['XLSX', xlsx],
      ] as const) {
        reportResult({
          name: `export participants ${name}`,
          figure: perSecond(result.rows, result.ms),
          unit: 'rows/s',
          floor: perSecond(floorRows, floorMs),
          ratio: Number((floorMs / result.ms).toFixed(2)),
          ratioMeaning: 'our throughput / psql \\copy throughput of the same rows (target >= 0.5 for CSV)',
          details: {
            rows: result.rows,
            attendanceEntries: result.attendance,
            peakRssMb: Math.round(result.peakRss / MB),
            load1: Number(loadavg()[0]!.toFixed(2)),
          },
        });
      }
    }

    if (only !== 'export') {
      const deps = { stores: test.db.stores, reporting: new KnexReportingStore(knex) };
      const organisationId = await knex<{ id: string }>('organisations').first('id');
      if (!organisationId) throw new Error('no organisation was seeded');
      const views = [
        ['programme, no filter', { organisationId: null }, {}],
        [
          'programme, 2026 H1 + county 24',
          { organisationId: null },
          { from: '2026-01-01', to: '2026-06-30', county: '24' },
        ],
        ['programme, event type', { organisationId: null }, { eventType: 'natverkstraff' }],
        ['one organisation', { organisationId: organisationId.id }, {}],
      ] as const;
      const timed = async (times: number[], viewer: DashboardViewer, query: Record<string, string>) => {
        const at = performance.now();
        await loadDashboard(deps, viewer, query);
        times.push(performance.now() - at);
      };
      const summary = (times: number[]) =>
        `p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`;
      // The floor: one round trip to the database, the least any page that reads it needs.
      const roundTrips: number[] = [];
      for (let i = 0; i < 20; i++) {
        const at = performance.now();
        await knex.raw('SELECT 1');
        roundTrips.push(performance.now() - at);
      }
      roundTrips.sort((a, b) => a - b);
      const floorP95 = percentile(roundTrips, 95);
      lines.push(`floor: one database round trip ${summary(roundTrips)}`);
      // The writes timed before a load. A check-in is a new attendance row (person i at an event
      // it has not attended: k = 10.. continues the seed's 1009-step, so never a duplicate), a
      // completion turns one of the seed's incomplete attempts completed; both are logged deltas
      // (migration 010), so the cached answer is brought forward; so is a gender change (the
      // person's contribution moves from the old gender to the new). Everything is undone at the end.
      let checkins = 0;
      const checkin = async () => {
        const i = checkins % SEEDED_PEOPLE;
        const k = 10 + Math.floor(checkins / SEEDED_PEOPLE);
        checkins += 1;
        const [ids] = (
          await knex.raw<{ rows: { event_id: string; person_id: string }[] }>(
            `SELECT md5('e' || ((?::int * 7 + ?::int * 1009) % 10000))::uuid AS event_id, md5('p' || ?::int)::uuid AS person_id`,
            [i, k, i],
          )
        ).rows;
        await test.db.stores.events.recordAttendance({
          eventId: ids!.event_id,
          personId: ids!.person_id,
          source: 'checkin',
        });
      };
      const incomplete = (await knex('attempts')
        .where('completion_status', 'incomplete')
        .orderBy('id')
        .limit(500)
        .pluck('id')) as string[];
      let completions = 0;
      const completion = async () => {
        const id = incomplete[completions++ % incomplete.length]!;
        await knex('attempts')
          .where({ id })
          .update({ completion_status: 'completed', completed_at: knex.fn.now() });
      };
      // Person 12340 of the seed: 'kvinna' (i % 10 = 0), with ten attendance rows.
      const person12340 = "md5('p12340')::uuid";
      let genderChanges = 0;
      const genderChange = async () => {
        genderChanges += 1;
        await knex('person_profiles')
          .whereRaw(`person_id = ${person12340}`)
          .update({ gender: genderChanges % 2 === 1 ? 'annat' : 'kvinna' });
      };
      // A move to another organisation (migration 011): the person's contribution moves between them.
      let moves = 0;
      const move = async () => {
        moves += 1;
        await knex('people')
          .whereRaw(`id = ${person12340}`)
          .update({ organisation_id: knex.raw(`md5('o' || ?::int)::uuid`, [moves % 2 === 1 ? 141 : 140]) });
      };
      // An organisation renamed (its name is a group key) is no logged delta: every count is recounted.
      let renames = 0;
      const rename = async () => {
        renames += 1;
        await knex('organisations')
          .whereRaw(`id = md5('o140')::uuid`)
          .update({
            name: knex.raw(`'Organisation 140' || ?::text`, [renames % 2 === 1 ? ' (nytt namn)' : '']),
          });
      };
      const writes = [
        ['a check-in', checkin, AFTER_DELTA_LOADS],
        ['a completion', completion, AFTER_DELTA_LOADS],
        ['a gender change', genderChange, AFTER_DELTA_LOADS],
        ['a move', move, AFTER_DELTA_LOADS],
        ['a rename (recounted)', rename, AFTER_RECOUNT_LOADS],
      ] as const;
      try {
        for (const [name, viewer, query] of views) {
          // The page as staff see it before the write: its answers are stored at the current version.
          await loadDashboard(deps, viewer, query);
          const after: string[] = [];
          const details: Record<string, number> = {};
          for (const [write, run, loads] of writes) {
            const times: number[] = [];
            for (let i = 0; i < loads; i++) {
              await run();
              await timed(times, viewer, query);
            }
            times.sort((a, b) => a - b);
            after.push(`right after ${write} ${summary(times)} of ${loads}`);
            const tag = write.split(' ')[1]!.replace('-', '');
            details[`after${tag[0]!.toUpperCase()}${tag.slice(1)}P50Ms`] = Math.round(percentile(times, 50));
            details[`after${tag[0]!.toUpperCase()}${tag.slice(1)}P95Ms`] = Math.round(percentile(times, 95));
          }
          // Warm: the data unchanged since the last load, so the counts come from report_cache.
          const warm: number[] = [];
          for (let i = 0; i < 20; i++) await timed(warm, viewer, query);
          warm.sort((a, b) => a - b);
          const p95 = percentile(warm, 95);
          reportResult({
            name: `dashboard ${name}`,
            figure: Number(p95.toFixed(1)),
            unit: 'ms p95',
            floor: Number(floorP95.toFixed(1)),
            ratio: Number((p95 / floorP95).toFixed(1)),
            ratioMeaning:
              'dashboard p95 on unchanged data / p95 of one database round trip (target p95 < 300 ms, also right after a check-in, completion, profile change or move)',
            details: { p50Ms: Number(percentile(warm, 50).toFixed(1)), ...details },
          });
          lines.push(
            `dashboard (${name}): unchanged data (cached counts) ${summary(warm)} (target p95 < 300 ms: ${p95 < 300 ? 'met' : 'NOT met'}); ${after.join('; ')}`,
          );
        }
      } finally {
        // Back to the seeded data (these writes invalidate: the next run starts by recounting).
        await knex.raw(
          `DELETE FROM attendance WHERE source = 'checkin' AND person_id IN (SELECT md5('p' || i)::uuid FROM generate_series(0, ?::int) AS i)`,
          [Math.min(checkins, SEEDED_PEOPLE) - 1],
        );
        if (incomplete.length > 0)
          await knex('attempts')
            .whereIn('id', incomplete)
            .update({ completion_status: 'incomplete', completed_at: null });
        await knex('person_profiles').whereRaw(`person_id = ${person12340}`).update({ gender: 'kvinna' });
        await knex('people')
          .whereRaw(`id = ${person12340}`)
          .update({ organisation_id: knex.raw(`md5('o140')::uuid`) });
        await knex('organisations').whereRaw(`id = md5('o140')::uuid`).update({ name: 'Organisation 140' });
      }
    }
    printLoad('at the end');
  } finally {
    await test.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
