import type { AttendanceSource, EventType } from './vocabularies';

/** A network meeting, seminar or training day of the programme. */
export interface ProgrammeEvent {
  readonly id: string;
  readonly type: EventType;
  readonly title: string;
  readonly startsAt: Date;
  readonly hours: number;
  readonly place: string | null;
  readonly municipalityCode: string | null;
  readonly organiser: string | null;
  /** e.g. an accessibility seminar held at a network meeting. */
  readonly parentEventId: string | null;
  readonly createdAt: Date;
}

/**
 * An event to create: `hours` is its length in hours (more than 0, at most 100); optional fields
 * left out are stored as null (unknown).
 */
export interface NewProgrammeEvent {
  readonly type: EventType;
  readonly title: string;
  readonly startsAt: Date;
  readonly hours: number;
  readonly place?: string | null;
  readonly municipalityCode?: string | null;
  readonly organiser?: string | null;
  readonly parentEventId?: string | null;
}

/** One person at one event; at most one row per (event, person). */
export interface Attendance {
  readonly eventId: string;
  readonly personId: string;
  readonly source: AttendanceSource;
  readonly hours: number | null;
  readonly recordedAt: Date;
}

/**
 * An attendance to record. `hours` is how long the person attended; null or left out means the
 * whole event (reports then use the event's hours).
 */
export interface NewAttendance {
  readonly eventId: string;
  readonly personId: string;
  readonly source: AttendanceSource;
  readonly hours?: number | null;
}
