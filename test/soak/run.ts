/**
 * The load and fault suite: `npm run soak` (300 learners for 10 minutes, each fault once) or
 * `npm run soak -- --short` (the CI variant), with any option overridden as `--name=value`
 * (e.g. `--learners=100 --duration-ms=120000 --ags-down=30000:60000`). Prints the results table
 * and every memory sample (live heap after a full GC, RSS) and, for the full run, writes both with
 * the date and machine to test/soak/RESULTS.md. `SOAK_HEAP_SNAPSHOTS=<dir>` adds two heap snapshots
 * of the restarted app (compare them with compareHeapSnapshots.ts).
 * Needs the built app (`npm run build`) and PostgreSQL server binaries (initdb, pg_ctl).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runSoak } from './runSoak';
import { judgeSoak, memoryTable, resultsTable } from './soakChecks';
import { FULL_SOAK, parseSoakArgs, SHORT_SOAK } from './soakOptions';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const short = args.includes('--short');
  const options = parseSoakArgs(
    args.filter((arg) => arg !== '--short'),
    short ? SHORT_SOAK : FULL_SOAK,
  );
  const started = new Date();
  const observations = await runSoak(options, (line) =>
    console.log(`[soak ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`),
  );
  const checks = judgeSoak(observations);
  const table = resultsTable(checks);
  const memory = memoryTable(observations);
  const passed = checks.every((check) => check.ok !== false);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}`;
  console.log(
    `\n${table}\n\nMemory of the app after a full GC, every sample:\n\n${memory}\n\n${passed ? 'All checks passed.' : 'Some checks FAILED.'}`,
  );
  if (!short && args.length === 0) {
    const report = [
      '# Soak results (`npm run soak`)',
      '',
      `Run ${started.toISOString()}, ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} minutes in all, on ${machine}.`,
      'The machine is shared: other test runs and builds used the same cores meanwhile.',
      `${options.learners} learners for ${options.durationMs / 60_000} minutes, private PostgreSQL, the app as its own process.`,
      '',
      table,
      '',
      passed ? 'All checks passed.' : 'Some checks FAILED.',
      '',
      '## Memory samples',
      '',
      `The app's memory after two full garbage collections (\`global.gc()\` through the soak's launcher, \`test/soak/appLauncher.cjs\`), every ${options.heapSampleMs / 1000} s; t is seconds from the start of the load; "judged" marks the samples of the memory check.`,
      '',
      memory,
      '',
    ].join('\n');
    writeFileSync(join(__dirname, 'RESULTS.md'), report);
  }
  if (!passed) process.exitCode = 1;
}

// Ctrl+C: exit through the 'exit' handlers, which stop the private PostgreSQL and the app.
process.once('SIGINT', () => process.exit(130));
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
