import { AppError } from '@kompetenta/core';
import {
  ROSTER_COLUMNS,
  describeRosterProblem,
  importCheckedRoster,
  readRoster,
  rosterFormat,
  validateRoster,
  formatStockholm,
} from '@kompetenta/reporting';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { findOrganisation, withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : String(error);
    throw new AppError('EVENT_ROSTER_UNREADABLE', `Cannot read ${file}: ${reason}.`);
  }
}

/**
 * `kompetenta attendance import <file> --event <id> --organisation <id or name>`: a roster is
 * checked whole before anything is written; every problem is printed with its row and column,
 * and a file with any bad row imports nothing. A good file lands in one transaction.
 */
export function registerAttendanceCommand(program: Command, ctx: ConfiguredContext): void {
  const attendance = program.command('attendance').description('Record attendance at programme events.');
  const columns = ROSTER_COLUMNS.map((c) => `${c.heading}${c.required ? ' (required)' : ''}`).join(', ');
  attendance
    .command('import <file>')
    .description(
      `Import an attendance roster (.csv with , or ;, or .xlsx: first sheet). Columns: ${columns}. Nothing is imported if any row is bad; importing the same file again changes nothing.`,
    )
    .requiredOption('--event <id>', 'the event attended (see kompetenta event list)')
    .requiredOption('--organisation <id or name>', 'the organisation the people belong to')
    .action(async (file: string, options: { event: string; organisation: string }) => {
      const format = rosterFormat(file);
      if (!format) {
        throw new AppError('EVENT_ROSTER_UNREADABLE', `${file} is neither a .csv nor an .xlsx file.`);
      }
      const roster = await readRoster(await readBytes(file), format);
      await withMigratedDatabase(ctx, async (database) => {
        const event = await database.stores.events.get(options.event);
        const organisation = await findOrganisation(database.stores, options.organisation);
        const check = validateRoster(roster, { organisationName: organisation.name });
        for (const problem of check.problems) ctx.err(`${basename(file)}: ${describeRosterProblem(problem)}`);
        const result = await importCheckedRoster(database.stores, check, {
          event,
          organisation,
          now: new Date(),
          actor: 'cli',
          file: basename(file),
        });
        ctx.out(
          `Imported ${basename(file)} into "${event.title}" (${formatStockholm(event.startsAt)}) for ${organisation.name}: ` +
            `${result.people} people (${result.created} new, ${result.known} already known), ` +
            `${result.recorded} attendances recorded (${result.alreadyAttending} already recorded), ` +
            `${result.profilesUpdated} profiles updated.`,
        );
        if (result.genderKept > 0) {
          ctx.out(
            `${result.genderKept} people have recorded another gender themselves; theirs is kept (staff cannot change it).`,
          );
        }
      });
    });
}
