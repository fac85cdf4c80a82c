import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';

const execFileAsync = promisify(execFile);

export const repoRoot = join(__dirname, '..', '..', '..');

/** What an example script printed and how it ended. */
export interface ExampleRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an example the way its README says (`npx tsx examples/<name>/<script>.ts ...` from the
 * repository root; `node --import tsx` is the same loader without npx's start-up), in a child
 * process so the test's own server (if any) keeps answering while the script runs.
 */
export async function runExample(
  script: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<ExampleRun> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', join('examples', script), ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 60_000, encoding: 'utf8' },
    );
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    // A non-zero exit is a result to assert on; anything else (not started, killed) is a test error.
    if (typeof failed.code !== 'number') throw error;
    return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
