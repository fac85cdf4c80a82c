import {
  AppError,
  type EventType,
  type Gender,
  type ParticipantRecord,
  type ParticipantRole,
  type ReportFilter,
} from '@kompetenta/core';
import type { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import { PERSON_MUNICIPALITY, applyPeriod, applyPersonFilter } from './reportingSql';
import { date, dateOrNull, num, str, strOrNull, type Db, type Row } from './sql';

/**
 * People fetched per page: a page holds about ten times as many attendance rows (10,000 on the
 * benchmark), and two pages are held at once (one written, one fetched), so memory stays bounded
 * (peak RSS under 200 MB on the benchmark) while round trips stay few.
 */
export const PARTICIPANT_PAGE_SIZE = 1000;
const MIN_KEY_LENGTH = 32;

/** The participant id: HMAC-SHA256 of the person id under the key, 32 hex characters. */
export function pseudonymousId(personId: string, key: string): string {
  return createHmac('sha256', key).update(personId).digest('hex').slice(0, 32);
}

interface Page {
  readonly people: Row[];
  readonly coursesOf: Map<string, ParticipantRecord['courses'][number][]>;
  readonly eventsOf: Map<string, ParticipantRecord['events'][number][]>;
}

function byPerson<T>(rows: Row[], map: (row: Row) => T): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const id = str(row.person_id);
    const list = grouped.get(id);
    if (list) list.push(map(row));
    else grouped.set(id, [map(row)]);
  }
  return grouped;
}

/** One page of people after `after` (by id), with their courses and events in the filter. */
async function loadPage(db: Db, filter: ReportFilter, after: string, pageSize: number): Promise<Page> {
  const query = db('people as p')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('person_profiles as pp', 'pp.person_id', 'p.id')
    .where('p.id', '>', after)
    .select('p.id', 'o.name as organisation', 'pp.role', 'pp.gender')
    .select(db.raw(`${PERSON_MUNICIPALITY} AS municipality_code`))
    .orderBy('p.id')
    .limit(pageSize);
  applyPersonFilter(query, filter, PERSON_MUNICIPALITY);
  const people = (await query) as Row[];
  if (people.length === 0) return { people, coursesOf: new Map(), eventsOf: new Map() };
  // Without a person filter the page is every person in its id range: one index range scan and
  // no thousand bind parameters. With one, people of other organisations lie in between: by id.
  const ids = people.map((row) => str(row.id));
  const personFiltered = filter.organisationId !== undefined || filter.countyCode !== undefined;
  const onPage = (query: Knex.QueryBuilder, column: string) =>
    personFiltered ? query.whereIn(column, ids) : query.whereBetween(column, [ids[0]!, ids[ids.length - 1]!]);

  const courses = db('attempts as a')
    .join('course_versions as cv', 'cv.id', 'a.course_version_id')
    .select('a.person_id', 'cv.course_slug', 'a.started_at', 'a.completed_at')
    .orderBy(['a.person_id', 'a.started_at']);
  onPage(courses, 'a.person_id');
  applyPeriod(courses, 'a.started_at', filter);
  if (filter.courseSlug !== undefined) courses.where('cv.course_slug', filter.courseSlug);
  const events = db('attendance as at')
    .join('events as e', 'e.id', 'at.event_id')
    // The start as epoch milliseconds: a number is far cheaper to turn into a Date than the
    // timestamp text pg would parse, and there is one per attendance row (a million on the bench).
    .select('at.person_id', 'e.type', 'e.title')
    .select(db.raw('(extract(epoch FROM e.starts_at) * 1000)::float8 AS starts_ms'))
    .select(db.raw('coalesce(at.hours, e.hours) AS hours'))
    .orderBy(['at.person_id', 'e.starts_at']);
  onPage(events, 'at.person_id');
  applyPeriod(events, 'e.starts_at', filter);
  if (filter.eventType !== undefined) events.where('e.type', filter.eventType);

  const [courseRows, eventRows] = (await Promise.all([courses, events])) as [Row[], Row[]];
  return {
    people,
    coursesOf: byPerson(courseRows, (row) => ({
      slug: str(row.course_slug),
      startedAt: date(row.started_at),
      completedAt: dateOrNull(row.completed_at),
    })),
    eventsOf: byPerson(eventRows, (row) => ({
      type: str(row.type) as EventType,
      title: str(row.title),
      startsAt: new Date(num(row.starts_ms)),
      hours: num(row.hours),
    })),
  };
}

/**
 * Per-participant records in pages of people, keyset-paginated by person id so each page costs the
 * same and memory holds two pages at most: the next page is fetched while this one is written.
 * People without a completion or attendance in the period are left out. No name, e-mail or
 * database id leaves this function.
 */
export async function* participantRecords(
  db: Db,
  filter: ReportFilter,
  pseudonymKey: string,
  pageSize = PARTICIPANT_PAGE_SIZE,
): AsyncIterable<ParticipantRecord> {
  if (pseudonymKey.length < MIN_KEY_LENGTH) throw new AppError('REPORT_PSEUDONYM_KEY_MISSING');
  const prefetch = (after: string) => {
    const page = loadPage(db, filter, after, pageSize);
    // Handled here too, so a consumer that stops early leaves no unhandled rejection behind.
    page.catch(() => undefined);
    return page;
  };
  let next = prefetch('00000000-0000-0000-0000-000000000000');
  for (;;) {
    const { people, coursesOf, eventsOf } = await next;
    if (people.length === 0) return;
    next = prefetch(str(people[people.length - 1]!.id));
    for (const person of people) {
      const id = str(person.id);
      const personCourses = coursesOf.get(id) ?? [];
      const personEvents = eventsOf.get(id) ?? [];
      if (personCourses.length === 0 && personEvents.length === 0) continue;
      yield {
        participantId: pseudonymousId(id, pseudonymKey),
        organisation: str(person.organisation),
        role: strOrNull(person.role) as ParticipantRole | null,
        gender: strOrNull(person.gender) as Gender | null,
        municipalityCode: strOrNull(person.municipality_code),
        courses: personCourses,
        events: personEvents,
      };
    }
  }
}
