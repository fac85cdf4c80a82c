import { EVENT_TYPES, MUNICIPALITIES, type EventType, type NewProgrammeEvent } from '@kompetenta/core';
import { parseStockholmTime } from '@kompetenta/reporting';

/** Longest event in one row (as the CLI); a week-long course is several events. */
const MAX_HOURS = 100;
const MUNICIPALITY_CODES = new Set(MUNICIPALITIES.map((m) => m.code));

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The create-event form as a new event, or every problem with the field it is in (Swedish, as
 * the page shows them next to the fields). Date and time are Swedish local time.
 */
export function readEventForm(
  body: Record<string, unknown>,
  knownEventIds: ReadonlySet<string>,
): { event?: NewProgrammeEvent; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const type = field(body, 'type');
  if (!(EVENT_TYPES as readonly string[]).includes(type))
    problems.push({ field: 'type', message: 'Välj en typ av aktivitet.' });
  const title = field(body, 'title');
  if (!title) problems.push({ field: 'title', message: 'Skriv en rubrik.' });
  else if (title.length > 200)
    problems.push({ field: 'title', message: 'Rubriken får vara högst 200 tecken.' });
  const date = field(body, 'date');
  const time = field(body, 'time') || '09:00';
  const starts =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time)
      ? parseStockholmTime(`${date}T${time}`)
      : undefined;
  if (!starts)
    problems.push({ field: 'date', message: 'Ange ett datum som 2026-03-12 och en tid som 09:00.' });
  const hoursText = field(body, 'hours').replace(',', '.');
  const hours = Number(hoursText);
  if (!hoursText || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS)
    problems.push({
      field: 'hours',
      message: `Ange antal timmar, mer än 0 och högst ${MAX_HOURS}, t.ex. 2,5.`,
    });
  const municipality = field(body, 'municipality');
  if (municipality && !MUNICIPALITY_CODES.has(municipality))
    problems.push({ field: 'municipality', message: 'Välj en kommun i listan.' });
  const parent = field(body, 'parent');
  if (parent && !knownEventIds.has(parent))
    problems.push({ field: 'parent', message: 'Välj en aktivitet i listan.' });
  if (problems.length > 0 || !starts) return { problems };
  return {
    event: {
      type: type as EventType,
      title,
      startsAt: starts.date,
      hours,
      place: field(body, 'place') || null,
      municipalityCode: municipality || null,
      organiser: field(body, 'organiser') || null,
      parentEventId: parent || null,
    },
    problems,
  };
}
