/**
 * The machine-readable result of one benchmark: each `bench/<name>/run.ts` prints its own table
 * for people and, at the end, one line `BENCH_RESULT {json}` per figure for `bench/run-all.ts`,
 * which collects them into bench/RESULTS.md.
 */
export const RESULT_MARKER = 'BENCH_RESULT ';

export interface BenchResult {
  /** Which benchmark and figure, e.g. `launch c=10`. */
  readonly name: string;
  /** What was measured for Kompetenta, in `unit`. */
  readonly figure: number;
  readonly unit: string;
  /** The floor measured in the same run (the least any implementation would need), in `unit`. */
  readonly floor: number;
  /** How far from the floor, in the benchmark's own reading (`ratioMeaning`). */
  readonly ratio: number;
  /** E.g. `build time / floor time` or `floor throughput / our throughput`. */
  readonly ratioMeaning: string;
  /** Sizes and any further figures worth keeping next to the result. */
  readonly details?: Readonly<Record<string, string | number>>;
}

/** Prints one result line for run-all (and anyone piping the output). */
export function reportResult(result: BenchResult): void {
  console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
}

/** The results in a benchmark's output; lines that are not result lines are ignored. */
export function readResults(output: string): BenchResult[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(RESULT_MARKER))
    .map((line) => JSON.parse(line.slice(RESULT_MARKER.length)) as BenchResult);
}
