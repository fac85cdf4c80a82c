/**
 * Runs every benchmark under bench/ one after another and writes bench/RESULTS.md: per figure the
 * result, the floor measured in the same run, their ratio, and the machine (CPU model, cores,
 * memory, load average), Node version and date. Run: npm run bench [-- options]
 *
 *   --only build,launch   run these benchmarks only (names: build, launch, commit, export)
 *   --quick               smaller sizes (a smoke run; figures are noisier)
 *   --out FILE            write somewhere else than bench/RESULTS.md
 *
 * With --only, the result and run rows of the benchmarks NOT run this time are kept from the file
 * being replaced (marked with that file's date), so one benchmark can be re-measured alone.
 *
 * The database benchmarks need PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test). A benchmark that prints no `BENCH_RESULT` line is
 * listed with the last lines of its own output, so nothing it measured is lost.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { readResults, type BenchResult } from './report';

interface Benchmark {
  readonly name: string;
  readonly args: readonly string[];
  readonly quickArgs: readonly string[];
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'build', args: ['5'], quickArgs: ['1'] },
  { name: 'launch', args: ['200'], quickArgs: ['40'] },
  // 100 commits per learner in the closed loops (20,000: 2–4 s at the rates measured since the
  // commit endpoint; 6,000 had become one second, too short to average out its first and last
  // moments), 60 in the open loop (12 s at 1,000/s): the loops measure the steady state.
  {
    name: 'commit',
    args: ['200', '100', '--processes', '2', '--open-commits', '60'],
    quickArgs: ['20', '5', '--processes', '2'],
  },
  { name: 'export', args: [], quickArgs: ['--only=dashboard'] },
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const quick = process.argv.includes('--quick');
const only = option('--only')?.split(',');
const out = option('--out') ?? join(__dirname, 'RESULTS.md');
const databaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

interface Run {
  readonly benchmark: Benchmark;
  readonly args: readonly string[];
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly results: readonly BenchResult[];
  readonly tail: readonly string[];
}

/** One benchmark in its own process, its output shown as it comes and kept for the report. */
function run(benchmark: Benchmark): Promise<Run> {
  const args = quick ? benchmark.quickArgs : benchmark.args;
  console.log(`\n== ${benchmark.name} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, benchmark.name, 'run.ts'), ...args],
      {
        env: { ...process.env, TEST_DATABASE_URL: databaseUrl, BENCH_DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({
        benchmark,
        args,
        seconds: (Date.now() - started) / 1000,
        exitCode,
        results: readResults(output),
        tail: output
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('BENCH_RESULT'))
          .slice(-12),
      }),
    );
  });
}

function machine(): string[] {
  const cpu = cpus();
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return [
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, ${process.platform}/${process.arch}`,
    `- load average at the end (1/5/15 min): ${one} / ${five} / ${fifteen}`,
  ];
}

/** The benchmark a figure belongs to (`dashboard …` figures are the export benchmark's). */
function benchmarkOf(figure: string): string {
  const first = figure.trim().split(' ')[0] ?? '';
  return first === 'dashboard' ? 'export' : first;
}

/**
 * From the file being replaced: its date and its table rows (results, runs) of benchmarks that are
 * not run this time, so that `--only` does not drop what others measured.
 */
function keptRows(ran: readonly string[]): { date: string; results: string[]; runs: string[] } | null {
  if (!only || !existsSync(out)) return null;
  const previous = readFileSync(out, 'utf8');
  const date = /\) on (\S+?)\.\n/.exec(previous)?.[1] ?? 'an earlier run';
  const section = (title: string) =>
    (previous.split(`## ${title}\n`)[1]?.split('\n## ')[0] ?? '')
      .split('\n')
      .filter(
        (line) => line.startsWith('| ') && !line.startsWith('| figure') && !line.startsWith('| benchmark'),
      );
  const notRun = (line: string) => {
    const name = line.split('|')[1]?.trim() ?? '';
    return name !== '(none)' && !ran.includes(benchmarkOf(name.replace(/ \(kept from .*\)$/, '')));
  };
  const mark = (line: string) =>
    line.replace(/^\| ([^|]*?) \|/, (_, name: string) =>
      name.includes('(kept from') ? `| ${name} |` : `| ${name} (kept from ${date}) |`,
    );
  return {
    date,
    results: section('Results').filter(notRun).map(mark),
    runs: section('Runs').filter(notRun).map(mark),
  };
}

function report(runs: readonly Run[], loadBefore: string, startedAt: Date): string {
  const kept = keptRows(runs.map((r) => r.benchmark.name));
  const rows = runs.flatMap((r) =>
    r.results.map(
      (x) =>
        `| ${x.name} | ${x.figure} ${x.unit} | ${x.floor} ${x.unit} | ${x.ratio}× | ${x.ratioMeaning} | ${Object.entries(
          x.details ?? {},
        )
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')} |`,
    ),
  );
  const withoutResult = runs.filter((r) => r.results.length === 0 || r.exitCode !== 0);
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (bench/run-all.ts) on ${startedAt.toISOString()}.`,
    'Each figure is compared with a floor measured in the same run on the same machine; see each',
    "benchmark's `run.ts` for what it does and what its floor is." +
      (kept && kept.results.length + kept.runs.length > 0
        ? ' Rows marked "kept from <date>" are from an earlier run of that benchmark (not run this time; their machine and load were that run\'s, not the ones below).'
        : ''),
    '',
    '## Machine',
    '',
    ...machine(),
    `- load average at the start (1 min): ${loadBefore}`,
    `- PostgreSQL: ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
    '',
    '## Results',
    '',
    '| figure | Kompetenta | floor | ratio | ratio means | details |',
    '|---|---|---|---|---|---|',
    ...(rows.length > 0 || (kept?.results.length ?? 0) > 0 ? rows : ['| (none) | | | | | |']),
    ...(kept?.results ?? []),
    '',
    '## Runs',
    '',
    '| benchmark | arguments | seconds | exit code | result lines |',
    '|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.benchmark.name} | ${r.args.join(' ') || '(defaults)'} | ${r.seconds.toFixed(0)} | ${r.exitCode ?? 'killed'} | ${r.results.length} |`,
    ),
    ...(kept?.runs ?? []),
    ...withoutResult.flatMap((r) => [
      '',
      `### ${r.benchmark.name}: ${r.exitCode === 0 ? 'no machine-readable result; its own output' : 'failed; the end of its output'}`,
      '',
      '```text',
      ...r.tail,
      '```',
    ]),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const unknown = (only ?? []).filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}`);
  const startedAt = new Date();
  const loadBefore = loadavg()[0]!.toFixed(2);
  const runs: Run[] = [];
  for (const benchmark of BENCHMARKS.filter((b) => !only || only.includes(b.name)))
    runs.push(await run(benchmark));
  writeFileSync(out, report(runs, loadBefore, startedAt));
  console.log(`\nwrote ${out}`);
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
