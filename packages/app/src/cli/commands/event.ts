import {
  AppError,
  EVENT_TYPES,
  MUNICIPALITIES,
  isAppError,
  type EventType,
  type NewProgrammeEvent,
  type ProgrammeEvent,
  type Stores,
} from '@kompetenta/core';
import {
  EVENT_TYPE_LABELS,
  foldKey,
  formatStockholm,
  parseStockholmTime,
  periodOptions,
} from '@kompetenta/reporting';
import type { Command } from 'commander';
import { registerCheckinLinkCommand } from './checkinLinkCommand';
import { withMigratedDatabase } from './commandDatabase';
import { registerEventInviteCommand } from './eventInviteCommand';
import type { ConfiguredContext } from './serverCommands';
import { alignColumns } from '../alignColumns';

interface AddOptions {
  type?: string;
  title?: string;
  starts?: string;
  hours?: string;
  place?: string;
  municipality?: string;
  organiser?: string;
  parent?: string;
}

/** Longest event counted in one row; a week-long course is several events. */
const MAX_HOURS = 100;

/** Event types by their vocabulary value and by their Swedish label, folded ("Nätverksträff"). */
const eventTypes = new Map<string, EventType>(
  EVENT_TYPES.flatMap((type) => [
    [foldKey(type), type],
    [foldKey(EVENT_TYPE_LABELS[type]), type],
  ]),
);
const municipalityByKey = new Map(
  MUNICIPALITIES.flatMap((m) => [
    [m.code, m],
    [foldKey(m.name), m],
  ]),
);
const municipalityName = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

/** Checks every option and returns the event, or the list of problems, each naming its option. */
export function checkEventOptions(options: AddOptions): { event?: NewProgrammeEvent; problems: string[] } {
  const problems: string[] = [];
  const missing = (flag: string) => problems.push(`${flag} is required`);
  const type = options.type === undefined ? undefined : eventTypes.get(foldKey(options.type));
  if (options.type === undefined) missing('--type');
  else if (!type) problems.push(`--type ${options.type} is not one of ${EVENT_TYPES.join(', ')}`);
  const title = options.title?.trim();
  if (options.title === undefined) missing('--title');
  else if (!title) problems.push('--title is empty');
  const starts = options.starts === undefined ? undefined : parseStockholmTime(options.starts);
  if (options.starts === undefined) missing('--starts');
  else if (!starts)
    problems.push(`--starts ${options.starts} is not a date and time such as 2026-03-12T09:00`);
  const hours = options.hours === undefined ? undefined : Number(options.hours.replace(',', '.'));
  if (options.hours === undefined) missing('--hours');
  else if (hours === undefined || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS)
    problems.push(`--hours ${options.hours} is not a number of hours above 0 and at most ${MAX_HOURS}`);
  const municipality =
    options.municipality === undefined ? undefined : municipalityByKey.get(foldKey(options.municipality));
  if (options.municipality !== undefined && !municipality)
    problems.push(
      `--municipality ${options.municipality} is not an SCB kommunkod (e.g. 2480) or a kommun's name`,
    );
  if (problems.length > 0 || !type || !title || !starts || hours === undefined) return { problems };
  const event: NewProgrammeEvent = {
    type,
    title,
    startsAt: starts.date,
    hours,
    place: options.place?.trim() || null,
    municipalityCode: municipality?.code ?? null,
    organiser: options.organiser?.trim() || null,
    parentEventId: options.parent ?? null,
  };
  return { event, problems };
}

/** The parent must exist (a seminar held at a network meeting): checked with the other options. */
async function parentProblem(stores: Stores, parent: string | undefined): Promise<string | undefined> {
  if (parent === undefined) return undefined;
  try {
    await stores.events.get(parent);
    return undefined;
  } catch (error) {
    if (isAppError(error, 'STORE_RECORD_NOT_FOUND')) return `--parent ${parent} is not a known event id`;
    throw error;
  }
}

function where(event: ProgrammeEvent): string {
  const municipality = event.municipalityCode
    ? `${municipalityName.get(event.municipalityCode) ?? ''} (${event.municipalityCode})`
    : '';
  return [event.place, municipality].filter(Boolean).join(', ');
}

/** Events as a table with aligned columns; the id comes first so it can be copied. */
export function eventTable(events: readonly ProgrammeEvent[]): string[] {
  const rows = [
    ['id', 'starts (Stockholm)', 'type', 'hours', 'where', 'title'],
    ...events.map((e) => [e.id, formatStockholm(e.startsAt), e.type, String(e.hours), where(e), e.title]),
  ];
  return alignColumns(rows);
}

/** `kompetenta event add|list|checkin-link|invite`: programme events that attendance is recorded for. */
export function registerEventCommand(program: Command, ctx: ConfiguredContext): void {
  const event = program
    .command('event')
    .description('Add and list programme events (meetings, seminars, training days).');

  event
    .command('add')
    .description('Add an event. Times without an offset are Swedish local time.')
    .option('--type <type>', `required: ${EVENT_TYPES.join(', ')} (or the Swedish name, e.g. Nätverksträff)`)
    .option('--title <text>', 'required: the title')
    .option('--starts <date-time>', 'required: when it starts, e.g. 2026-03-12T09:00')
    .option('--hours <n>', 'required: its length in hours, e.g. 2.5')
    .option('--place <text>', 'where it is held, e.g. Folkets hus')
    .option('--municipality <code>', 'SCB kommunkod (e.g. 2480) or the kommun name')
    .option('--organiser <text>', 'who organises it')
    .option(
      '--parent <event id>',
      'the event this one is part of (an accessibility seminar at a network meeting)',
    )
    .action(async (options: AddOptions) => {
      const checked = checkEventOptions(options);
      await withMigratedDatabase(ctx, async (database) => {
        const parent = await parentProblem(database.stores, options.parent);
        const problems = parent ? [...checked.problems, parent] : checked.problems;
        if (problems.length > 0 || !checked.event) {
          throw new AppError('EVENT_INPUT_INVALID', `The event is not valid: ${problems.join('; ')}.`, {
            problems,
          });
        }
        const created = await database.stores.events.create(checked.event);
        ctx.out(
          `Added event ${created.id}: ${EVENT_TYPE_LABELS[created.type]} "${created.title}" ${formatStockholm(created.startsAt)}, ${created.hours} h${where(created) ? `, ${where(created)}` : ''}.`,
        );
      });
    });

  event
    .command('list')
    .description('List events by start time, optionally within a period.')
    .option('--from <date>', 'from this date or date-time (inclusive)')
    .option('--to <date>', 'up to this date (that whole day included) or date-time (exclusive)')
    .action(async (options: { from?: string; to?: string }) => {
      const range = periodOptions(options);
      await withMigratedDatabase(ctx, async (database) => {
        const events = await database.stores.events.list(range);
        if (events.length === 0) ctx.out('No events.');
        else for (const line of eventTable(events)) ctx.out(line);
      });
    });

  registerCheckinLinkCommand(event, ctx);
  registerEventInviteCommand(event, ctx);
}
