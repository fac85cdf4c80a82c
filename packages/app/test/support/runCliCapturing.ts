import { runCli } from '../../src/cli/program';

/** Runs the CLI in-process with `env`, capturing what it prints. */
export async function runCliCapturing(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, {
    env,
    cwd: process.cwd(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { status, out, err };
}
