import { Command, CommanderError } from 'commander';
import { AppError, isAppError } from '@kompetenta/core';
import { loadConfig } from '../config/loadConfig';
import type { AppConfig } from '../config/AppConfig';
import { registerAttendanceCommand } from './commands/attendance';
import { registerBuildCommand } from './commands/build';
import { registerEventCommand } from './commands/event';
import { registerPersonCommand } from './commands/person';
import { registerExportCommand } from './commands/export';
import { registerOrgCommands } from './commands/org';
import { registerPlatformCommand } from './commands/platform';
import { registerOutboxCommand } from './commands/outbox';
import { registerPreviewCommand } from './commands/preview';
import { registerTokenCommand } from './commands/token';
import { registerValidateCommand } from './commands/validate';
import {
  registerMigrateCommand,
  registerStartCommand,
  registerVersionCommand,
  type ConfiguredContext,
} from './commands/serverCommands';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON outside rootDir, read at run time.
const { version } = require('../../package.json') as { version: string };

/**
 * What the CLI reads and writes instead of the process's own: the environment its configuration
 * comes from, the working directory relative paths start at, and where output lines go.
 */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Writes one line of normal output (without its line break). */
  out(line: string): void;
  /** Writes one line of error output (without its line break). */
  err(line: string): void;
}

/** Builds the `kompetenta` program. Configuration is read only when a command needs it. */
export function createProgram(io: CliIo): Command {
  let config: AppConfig | undefined;
  const ctx: ConfiguredContext = {
    cwd: io.cwd,
    out: (line) => io.out(line),
    err: (line) => io.err(line),
    config: () => (config ??= loadConfig(io.env, io.cwd)),
    get coursesDir() {
      return this.config().coursesDir;
    },
  };
  const program = new Command('kompetenta')
    .description(
      'Kompetenta: training courses delivered into your LMS (LTI 1.3, SCORM), with completion and attendance tracking.',
    )
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
      // Usage errors are reported once by runCli, as one line with a code.
      outputError: () => undefined,
    });
  registerStartCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerVersionCommand(program, ctx, version);
  registerBuildCommand(program, ctx);
  registerValidateCommand(program, ctx);
  registerPreviewCommand(program, ctx);
  registerOrgCommands(program, ctx);
  registerPlatformCommand(program, ctx);
  registerOutboxCommand(program, ctx);
  registerEventCommand(program, ctx);
  registerAttendanceCommand(program, ctx);
  registerExportCommand(program, ctx);
  registerTokenCommand(program, ctx);
  registerPersonCommand(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns the exit status: 0 success, 1 a failure (one line with its code),
 * 2 bad usage. Never throws, never prints a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.err(
        `kompetenta: ${error.message.replace(/^error: /, '')} (see kompetenta --help) [APP_USAGE_INVALID]`,
      );
      return 2;
    }
    const known = isAppError(error)
      ? error
      : new AppError('APP_INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
    io.err(`kompetenta: ${known.message} [${known.code}]`);
    return known.code === 'APP_USAGE_INVALID' ? 2 : 1;
  }
}
