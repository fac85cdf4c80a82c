#!/usr/bin/env node
import { runCli } from '../cli/program';

runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (status) => {
    process.exitCode = status;
  },
  // runCli never rejects; this is the last line of defence for a bug in it.
  (error: unknown) => {
    process.stderr.write(`kompetenta: ${String(error)} [APP_INTERNAL_ERROR]\n`);
    process.exitCode = 1;
  },
);
