import type { Command } from 'commander';
import type { CliContext } from '../CliContext';
import { createLogger } from '../../logger';
import { openConfiguredDatabase, runUntilSignalled } from '../../main';
import type { AppConfig } from '../../config/AppConfig';

/** Commands that need the full configuration get it through this, validated once on first use. */
export interface ConfiguredContext extends CliContext {
  config(): AppConfig;
}

/** `kompetenta start`: migrate and serve until SIGTERM/SIGINT. */
export function registerStartCommand(program: Command, ctx: ConfiguredContext): void {
  program
    .command('start')
    .description('Apply database migrations and serve Kompetenta on PORT (default 3000).')
    .action(async () => {
      const config = ctx.config();
      await runUntilSignalled(config, createLogger(config), (line) => ctx.out(line));
    });
}

/** `kompetenta migrate`: bring the database schema up to date and exit. */
export function registerMigrateCommand(program: Command, ctx: ConfiguredContext): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (embedded database, or DATABASE_URL) and exit.')
    .action(async () => {
      const database = await openConfiguredDatabase(ctx.config());
      try {
        const applied = await database.migrate();
        ctx.out(
          applied.length
            ? `Applied ${applied.join(', ')} on ${database.location}.`
            : `Nothing to apply: ${database.location} is up to date.`,
        );
      } finally {
        await database.close();
      }
    });
}

/** `kompetenta version`. */
export function registerVersionCommand(program: Command, ctx: CliContext, version: string): void {
  program
    .command('version')
    .description('Print the Kompetenta version.')
    .action(() => {
      ctx.out(version);
    });
}
