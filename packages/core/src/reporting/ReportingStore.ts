import type { EventType, Gender, ParticipantRole } from '../domain/vocabularies';

/**
 * What a report looks at. `organisationId` is the tenant boundary: when set, every row the store
 * returns belongs to that organisation, whatever the other fields say.
 */
export interface ReportFilter {
  /** Inclusive start of the period (completion date or event start). */
  readonly from?: Date;
  /** Exclusive end of the period. */
  readonly to?: Date;
  readonly organisationId?: string;
  readonly courseSlug?: string;
  readonly eventType?: EventType;
  /** Two-digit SCB county code. */
  readonly countyCode?: string;
}

/** How completions can be grouped. Periods are calendar months, quarters or years (UTC). */
export const COMPLETION_DIMENSIONS = [
  'course',
  'lesson',
  'role',
  'organisation',
  'municipality',
  'county',
  'month',
  'quarter',
  'year',
] as const;
/** One of {@link COMPLETION_DIMENSIONS}: what a completion report groups by. */
export type CompletionDimension = (typeof COMPLETION_DIMENSIONS)[number];

/** How attendance can be grouped. */
export const ATTENDANCE_DIMENSIONS = [
  'eventType',
  'place',
  'municipality',
  'county',
  'month',
  'quarter',
  'year',
] as const;
/** One of {@link ATTENDANCE_DIMENSIONS}: what an attendance report groups by. */
export type AttendanceDimension = (typeof ATTENDANCE_DIMENSIONS)[number];

/**
 * One cell of a gender split before suppression: `count` people with `gender` (null: not recorded)
 * in the group `key` (null: the group value itself is unknown, e.g. no municipality).
 */
export interface GenderCount {
  readonly key: string | null;
  readonly gender: Gender | null;
  readonly count: number;
}

/** What the store measures for the programme targets (see ProgrammeTarget). */
export interface TargetMeasures {
  /** Distinct people with a completed course or attendance at a training day. */
  readonly peopleTrained: number;
  /** Number of events per type. */
  readonly eventsByType: Readonly<Partial<Record<EventType, number>>>;
  /** Distinct places (municipality, else place text) per event type. */
  readonly placesByType: Readonly<Partial<Record<EventType, number>>>;
  /** Half-years (`2026-H1`) with at least one event, per type. */
  readonly halfYearsByType: Readonly<Partial<Record<EventType, readonly string[]>>>;
  /** Active people (a completion or an attendance) per role, split by gender. */
  readonly activeByRole: Readonly<Partial<Record<ParticipantRole, readonly GenderCount[]>>>;
}

/**
 * One participant for programme reporting: never a name, e-mail or database id, only a
 * pseudonymous id (a keyed hash of the person id) and what the statistics need.
 */
export interface ParticipantRecord {
  readonly participantId: string;
  readonly organisation: string;
  readonly role: ParticipantRole | null;
  readonly gender: Gender | null;
  readonly municipalityCode: string | null;
  readonly courses: readonly { slug: string; startedAt: Date; completedAt: Date | null }[];
  readonly events: readonly { type: EventType; title: string; startsAt: Date; hours: number }[];
}

/** Read-only aggregate queries for the dashboard and exports. */
export interface ReportingStore {
  /** People who completed a course (or a lesson, for `lesson`), grouped and split by gender. */
  completionCounts(dimension: CompletionDimension, filter?: ReportFilter): Promise<GenderCount[]>;
  /** Distinct people at events, grouped and split by gender. */
  attendanceCounts(dimension: AttendanceDimension, filter?: ReportFilter): Promise<GenderCount[]>;
  /** The figures the programme targets are checked against, for the filtered period and tenant. */
  targetMeasures(filter?: ReportFilter): Promise<TargetMeasures>;
  /**
   * Per-participant records, streamed in pages so memory stays constant however many there are.
   * `pseudonymKey` keys the HMAC that makes the participant id; the same key gives the same ids.
   */
  participantRecords(filter: ReportFilter, pseudonymKey: string): AsyncIterable<ParticipantRecord>;
}
