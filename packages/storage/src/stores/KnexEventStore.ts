import type {
  Attendance,
  AttendanceSource,
  EventStore,
  EventType,
  NewAttendance,
  NewProgrammeEvent,
  ProgrammeEvent,
} from '@kompetenta/core';
import { date, guarded, isUuid, notFound, num, numOrNull, str, strOrNull, type Db, type Row } from './sql';

function toEvent(row: Row): ProgrammeEvent {
  return {
    id: str(row.id),
    type: str(row.type) as EventType,
    title: str(row.title),
    startsAt: date(row.starts_at),
    hours: num(row.hours),
    place: strOrNull(row.place),
    municipalityCode: strOrNull(row.municipality_code),
    organiser: strOrNull(row.organiser),
    parentEventId: strOrNull(row.parent_event_id),
    createdAt: date(row.created_at),
  };
}

function toAttendance(row: Row): Attendance {
  return {
    eventId: str(row.event_id),
    personId: str(row.person_id),
    source: str(row.source) as AttendanceSource,
    hours: numOrNull(row.hours),
    recordedAt: date(row.recorded_at),
  };
}

export class KnexEventStore implements EventStore {
  constructor(private readonly db: Db) {}

  async create(input: NewProgrammeEvent): Promise<ProgrammeEvent> {
    const [row] = (await guarded('The event', () =>
      this.db('events')
        .insert({
          type: input.type,
          title: input.title,
          starts_at: input.startsAt,
          hours: input.hours,
          place: input.place ?? null,
          municipality_code: input.municipalityCode ?? null,
          organiser: input.organiser ?? null,
          parent_event_id: input.parentEventId ?? null,
        })
        .returning('*'),
    )) as Row[];
    return toEvent(row!);
  }

  async get(id: string): Promise<ProgrammeEvent> {
    const row = isUuid(id) ? ((await this.db('events').where({ id }).first()) as Row | undefined) : undefined;
    if (!row) throw notFound('Event', id);
    return toEvent(row);
  }

  async list(range: { from?: Date; to?: Date } = {}): Promise<ProgrammeEvent[]> {
    const query = this.db('events').orderBy('starts_at');
    if (range.from) query.where('starts_at', '>=', range.from);
    if (range.to) query.where('starts_at', '<', range.to);
    return ((await query) as Row[]).map(toEvent);
  }

  /** The first record of a person at an event wins; later ones (any route) change nothing. */
  async recordAttendance(input: NewAttendance): Promise<Attendance> {
    await guarded('The attendance', () =>
      this.db('attendance')
        .insert({
          event_id: input.eventId,
          person_id: input.personId,
          source: input.source,
          hours: input.hours ?? null,
        })
        .onConflict(['event_id', 'person_id'])
        .ignore(),
    );
    const row = (await this.db('attendance')
      .where({ event_id: input.eventId, person_id: input.personId })
      .first()) as Row;
    return toAttendance(row);
  }

  async listAttendance(eventId: string): Promise<Attendance[]> {
    if (!isUuid(eventId)) return [];
    return ((await this.db('attendance').where({ event_id: eventId }).orderBy('recorded_at')) as Row[]).map(
      toAttendance,
    );
  }
}
