import { AppError } from '@kompetenta/core';
import { KnexPersonErasure } from '@kompetenta/storage';
import type { Command } from 'commander';
import { purgeExpiredPeople, retentionCutoff } from '../../retention';
import { withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

/** `kompetenta person erase|purge-expired`: privacy erasure and the retention purge. */
export function registerPersonCommand(program: Command, ctx: ConfiguredContext): void {
  const person = program
    .command('person')
    .description("Erase a person's personal data; purge people past retention.");

  person
    .command('erase <personId>')
    .description(
      'Remove the name, e-mail, LMS id, profile and SCORM answers of a person. Their attempts and attendance stay, anonymous, so report totals do not change. Cannot be undone.',
    )
    .option('--yes', 'really erase (without it, only show who would be erased)')
    .action(async (personId: string, options: { yes?: boolean }) => {
      await withMigratedDatabase(ctx, async (database) => {
        const erasure = new KnexPersonErasure(database.knex);
        const found = await erasure.describe(personId);
        if (!found) throw new AppError('STORE_RECORD_NOT_FOUND', `There is no person ${personId}.`);
        if (found.erasedAt) {
          ctx.out(`Person ${personId} was already erased on ${found.erasedAt.toISOString()}; nothing to do.`);
          return;
        }
        const who = `${found.name ?? '(no name)'} <${found.email ?? 'no e-mail'}> of ${found.organisationName}, ${found.attempts} attempt(s), ${found.attendances} attendance(s)`;
        if (!options.yes) {
          throw new AppError(
            'EVENT_PERSON_ERASE_UNCONFIRMED',
            `Would erase ${who}. This cannot be undone: run again with --yes.`,
          );
        }
        await erasure.erase(personId, { actor: 'cli', reason: 'request' }, new Date());
        ctx.out(`Erased ${who}. Their attempts and attendance stay, anonymous; audited as person.erase.`);
      });
    });

  person
    .command('purge-expired')
    .description('Erase everyone inactive for longer than RETENTION_MONTHS (the app also does this daily).')
    .action(async () => {
      const months = ctx.config().retentionMonths;
      if (months === undefined) {
        throw new AppError(
          'APP_CONFIG_INVALID',
          'RETENTION_MONTHS is not set: set it to the number of months people are kept after their last activity.',
        );
      }
      await withMigratedDatabase(ctx, async (database) => {
        const now = new Date();
        const erased = await purgeExpiredPeople(new KnexPersonErasure(database.knex), months, now, 'cli');
        ctx.out(
          `Erased ${erased} person(s) inactive since before ${retentionCutoff(now, months).toISOString()} (RETENTION_MONTHS=${months}).`,
        );
      });
    });
}
