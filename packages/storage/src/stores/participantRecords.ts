import {
  AppError,
  type EventType,
  type Gender,
  type ParticipantRecord,
  type ParticipantRole,
  type ReportFilter,
} from '@kompetenta/core';
import { createHmac } from 'node:crypto';
import { PERSON_MUNICIPALITY, applyPeriod, applyPersonFilter } from './reportingSql';
import { date, dateOrNull, num, str, strOrNull, type Db, type Row } from './sql';

/** People fetched per page: small enough for constant memory, large enough for few round trips. */
export const PARTICIPANT_PAGE_SIZE = 500;
const MIN_KEY_LENGTH = 32;

/** The participant id: HMAC-SHA256 of the person id under the key, 32 hex characters. */
export function pseudonymousId(personId: string, key: string): string {
  return createHmac('sha256', key).update(personId).digest('hex').slice(0, 32);
}

/**
 * Per-participant records in pages of people, keyset-paginated by person id so each page costs the
 * same and memory holds one page at a time. People without a completion or attendance in the
 * period are left out. No name, e-mail or database id leaves this function.
 */
export async function* participantRecords(
  db: Db,
  filter: ReportFilter,
  pseudonymKey: string,
): AsyncIterable<ParticipantRecord> {
  if (pseudonymKey.length < MIN_KEY_LENGTH) throw new AppError('REPORT_PSEUDONYM_KEY_MISSING');
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const query = db('people as p')
      .join('organisations as o', 'o.id', 'p.organisation_id')
      .leftJoin('person_profiles as pp', 'pp.person_id', 'p.id')
      .where('p.id', '>', after)
      .select('p.id', 'o.name as organisation', 'pp.role', 'pp.gender')
      .select(db.raw(`${PERSON_MUNICIPALITY} AS municipality_code`))
      .orderBy('p.id')
      .limit(PARTICIPANT_PAGE_SIZE);
    applyPersonFilter(query, filter, PERSON_MUNICIPALITY);
    const people = (await query) as Row[];
    if (people.length === 0) return;
    const ids = people.map((row) => str(row.id));
    after = ids[ids.length - 1]!;

    const courses = db('attempts as a')
      .join('course_versions as cv', 'cv.id', 'a.course_version_id')
      .whereIn('a.person_id', ids)
      .select('a.person_id', 'cv.course_slug', 'a.started_at', 'a.completed_at')
      .orderBy(['a.person_id', 'a.started_at']);
    applyPeriod(courses, 'a.started_at', filter);
    if (filter.courseSlug !== undefined) courses.where('cv.course_slug', filter.courseSlug);
    const events = db('attendance as at')
      .join('events as e', 'e.id', 'at.event_id')
      .whereIn('at.person_id', ids)
      .select('at.person_id', 'e.type', 'e.title', 'e.starts_at')
      .select(db.raw('coalesce(at.hours, e.hours) AS hours'))
      .orderBy(['at.person_id', 'e.starts_at']);
    applyPeriod(events, 'e.starts_at', filter);
    if (filter.eventType !== undefined) events.where('e.type', filter.eventType);

    const byPerson = <T>(rows: Row[], map: (row: Row) => T) => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) {
        const list = grouped.get(str(row.person_id)) ?? [];
        list.push(map(row));
        grouped.set(str(row.person_id), list);
      }
      return grouped;
    };
    const coursesOf = byPerson((await courses) as Row[], (row) => ({
      slug: str(row.course_slug),
      startedAt: date(row.started_at),
      completedAt: dateOrNull(row.completed_at),
    }));
    const eventsOf = byPerson((await events) as Row[], (row) => ({
      type: str(row.type) as EventType,
      title: str(row.title),
      startsAt: date(row.starts_at),
      hours: num(row.hours),
    }));

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
