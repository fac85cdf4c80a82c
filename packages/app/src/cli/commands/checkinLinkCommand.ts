import { AppError, isAppError } from '@kompetenta/core';
import {
  CHECKIN_LINK_DEFAULT_HOURS,
  CHECKIN_LINK_MAX_HOURS,
  checkinQrPng,
  checkinQrSvg,
  createCheckinLink,
} from '@kompetenta/lti-server/internal';
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveCheckinSecret } from '../../checkinSecret';
import { withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

interface CheckinLinkOptions {
  validHours: string;
  out?: string;
}

function validHoursOf(text: string): number {
  const hours = Number(text.replace(',', '.'));
  if (!Number.isFinite(hours) || hours <= 0 || hours > CHECKIN_LINK_MAX_HOURS) {
    throw new AppError(
      'EVENT_INPUT_INVALID',
      `--valid-hours ${text} is not a number of hours above 0 and at most ${CHECKIN_LINK_MAX_HOURS}.`,
    );
  }
  return hours;
}

/**
 * `kompetenta event checkin-link <eventId>`: prints the signed, expiring check-in URL and writes
 * its QR code as `<out>.svg` and `<out>.png` (default `checkin-<eventId>` in the current folder).
 */
export function registerCheckinLinkCommand(event: Command, ctx: ConfiguredContext): void {
  event
    .command('checkin-link <eventId>')
    .description('Print a signed, expiring check-in link for the event and write its QR code (SVG and PNG).')
    .option(
      '--valid-hours <n>',
      `how long the link works (default ${CHECKIN_LINK_DEFAULT_HOURS}, at most ${CHECKIN_LINK_MAX_HOURS})`,
      String(CHECKIN_LINK_DEFAULT_HOURS),
    )
    .option('--out <path>', 'file name of the QR code without extension (default checkin-<eventId>)')
    .action(async (eventId: string, options: CheckinLinkOptions) => {
      const validHours = validHoursOf(options.validHours);
      const config = ctx.config();
      await withMigratedDatabase(ctx, async (database) => {
        const found = await database.stores.events.get(eventId).catch((error: unknown) => {
          if (isAppError(error, 'STORE_RECORD_NOT_FOUND'))
            throw new AppError(
              'STORE_RECORD_NOT_FOUND',
              `There is no event ${eventId}; see kompetenta event list.`,
            );
          throw error;
        });
        const link = await createCheckinLink({
          secret: resolveCheckinSecret(config),
          publicUrl: config.publicUrl,
          eventId: found.id,
          now: new Date(),
          validHours,
        });
        const base = resolve(options.out ?? `checkin-${found.id}`);
        await writeFile(`${base}.svg`, await checkinQrSvg(link.url));
        await writeFile(`${base}.png`, await checkinQrPng(link.url));
        ctx.out(link.url);
        ctx.out(`Valid until ${link.expiresAt.toISOString()} for "${found.title}".`);
        ctx.out(`QR code: ${base}.svg and ${base}.png`);
      });
    });
}
