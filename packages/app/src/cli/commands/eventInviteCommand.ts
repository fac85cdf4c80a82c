import { AppError, systemClock } from '@kompetenta/core';
import { inviteToEvent } from '@kompetenta/lti-server/internal';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolveCheckinSecret } from '../../checkinSecret';
import { findOrganisation, withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

interface InviteOptions {
  org?: string;
  file?: string;
}

async function readList(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('EVENT_INVITATION_INVALID', `Nobody was invited: cannot read --file ${path}.`, {
      problems: [`cannot read --file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`],
    });
  }
}

/**
 * `kompetenta event invite <eventId> --org <org> | --file <list>`: e-mails an invitation with the
 * event's check-in link to everyone of an organisation, or to the people of a list or CSV
 * (`e-post;namn`; with `--org` too, that organisation is the sender). Through the outbox, one per
 * address and event however often it is run; people who opted out are left out.
 */
export function registerEventInviteCommand(event: Command, ctx: ConfiguredContext): void {
  event
    .command('invite <eventId>')
    .description(
      'E-mail an invitation with the check-in link to an organisation’s people or to a list (at most 14 days ahead).',
    )
    .option('--org <id or name>', 'invite everyone of this organisation who has an e-mail address')
    .option('--file <path>', 'invite the people of this list or CSV: one a line, e-mail and optionally name')
    .action(async (eventId: string, options: InviteOptions) => {
      if (options.org === undefined && options.file === undefined)
        throw new AppError('APP_USAGE_INVALID', 'Give --org <organisation>, --file <list>, or both.');
      const list = options.file === undefined ? undefined : await readList(options.file);
      const config = ctx.config();
      await withMigratedDatabase(ctx, async (database) => {
        const organisation =
          options.org === undefined ? undefined : await findOrganisation(database.stores, options.org);
        const result = await inviteToEvent(database.stores, {
          eventId,
          ...(organisation ? { organisationId: organisation.id } : {}),
          ...(list === undefined ? {} : { list }),
          now: systemClock.now(),
          publicUrl: config.publicUrl,
          checkinSecret: resolveCheckinSecret(config),
          actor: 'cli',
        });
        ctx.out(
          `Invited ${result.invited} ${result.invited === 1 ? 'person' : 'people'} to event ${eventId} (anyone invited before is not mailed again).`,
        );
        if (result.optedOut > 0)
          ctx.out(`Left out ${result.optedOut} who opted out of reminder and information mail.`);
      });
    });
}
