/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- these joined builders are typed loosely by knex; the Row casts state the driver shape, as in the other stores */
import {
  AppError,
  type AttendanceDimension,
  type CompletionDimension,
  type EventType,
  type Gender,
  type GenderCount,
  type ParticipantRole,
  type ReportFilter,
  type ReportingStore,
  type TargetMeasures,
} from '@kompetenta/core';
import {
  ATTENDANCE_KEY,
  COMPLETION_KEY,
  PERSON_MUNICIPALITY,
  applyPeriod,
  applyPersonFilter,
} from './reportingSql';
import { participantRecords } from './participantRecords';
import { cachedReport, reportCacheKey } from './reportCache';
import { isUuid, num, str, strOrNull, type Db, type Row } from './sql';

function checkFilter(filter: ReportFilter): void {
  const problems: string[] = [];
  if (filter.organisationId !== undefined && !isUuid(filter.organisationId))
    problems.push(`organisation ${filter.organisationId} is not an id`);
  if (filter.countyCode !== undefined && !/^\d{2}$/.test(filter.countyCode))
    problems.push(`county ${filter.countyCode} is not a two-digit county code`);
  if (problems.length > 0)
    throw new AppError('REPORT_FILTER_INVALID', `The report filter is not valid: ${problems.join('; ')}.`, {
      problems,
    });
}

function toCounts(rows: Row[]): GenderCount[] {
  return rows.map((row) => ({
    key: strOrNull(row.key),
    gender: strOrNull(row.gender) as Gender | null,
    count: num(row.count),
  }));
}

export interface ReportingStoreOptions {
  /**
   * Serve aggregate counts from report_cache while the data version is unchanged (default true).
   * Lesson counts (they read SCORM data that every commit changes) and participant records are
   * never cached.
   */
  readonly cache?: boolean;
}

/**
 * The reporting port on knex: aggregate SQL for both engines (cached per data version, see
 * reportCache.ts), per-participant rows in pages.
 */
export class KnexReportingStore implements ReportingStore {
  private readonly cache: boolean;

  constructor(
    private readonly db: Db,
    options: ReportingStoreOptions = {},
  ) {
    this.cache = options.cache ?? true;
  }

  /** `compute` on a store without the cache, through report_cache when this store caches. */
  private cached<T>(key: string, compute: (store: KnexReportingStore) => Promise<T>): Promise<T> {
    if (!this.cache) return compute(this);
    return cachedReport(this.db, key, (db) => compute(new KnexReportingStore(db, { cache: false })));
  }

  /** Completed attempts (or, for `lesson`, completed lesson objectives) with their person. */
  private completions(filter: ReportFilter, lessons: boolean) {
    const query = this.db('attempts as a')
      .join('course_versions as cv', 'cv.id', 'a.course_version_id')
      .join('people as p', 'p.id', 'a.person_id')
      .join('organisations as o', 'o.id', 'p.organisation_id')
      .leftJoin('person_profiles as pp', 'pp.person_id', 'p.id');
    if (lessons) {
      // Lessons are SCORM objectives: cmi.objectives.n.id with a completed or passed status.
      query
        .joinRaw(`CROSS JOIN LATERAL jsonb_each_text(a.cmi) AS lesson`)
        .whereRaw(`lesson.key ~ '^cmi\\.objectives\\.[0-9]+\\.id$'`)
        .whereRaw(
          `(a.cmi ->> regexp_replace(lesson.key, '\\.id$', '.completion_status') = 'completed'
            OR a.cmi ->> regexp_replace(lesson.key, '\\.id$', '.status') IN ('completed', 'passed'))`,
        );
      applyPeriod(query, 'a.last_activity_at', filter);
    } else {
      query.where('a.completion_status', 'completed');
      applyPeriod(query, 'a.completed_at', filter);
    }
    if (filter.courseSlug !== undefined) query.where('cv.course_slug', filter.courseSlug);
    applyPersonFilter(query, filter, PERSON_MUNICIPALITY);
    return query;
  }

  /**
   * Attendance rows with their event. The person is `at.person_id`: people and organisations are
   * not joined (the attendance report's place is the event's), so a million rows are read once and
   * an organisation filter walks people_organisation → attendance by person instead of scanning.
   */
  private attendance(filter: ReportFilter) {
    const query = this.db('attendance as at').join('events as e', 'e.id', 'at.event_id');
    applyPeriod(query, 'e.starts_at', filter);
    if (filter.eventType !== undefined) query.where('e.type', filter.eventType);
    if (filter.organisationId !== undefined)
      query.whereIn(
        'at.person_id',
        this.db('people').select('id').where('organisation_id', filter.organisationId),
      );
    if (filter.countyCode !== undefined)
      query.whereRaw('left(e.municipality_code, 2) = ?', [filter.countyCode]);
    return query;
  }

  /** Events in the filter: all of them for staff; for one organisation, those its people attended. */
  private eventsSeen(filter: ReportFilter) {
    if (filter.organisationId !== undefined) return this.attendance(filter);
    const query = this.db('events as e');
    applyPeriod(query, 'e.starts_at', filter);
    if (filter.eventType !== undefined) query.where('e.type', filter.eventType);
    if (filter.countyCode !== undefined)
      query.whereRaw('left(e.municipality_code, 2) = ?', [filter.countyCode]);
    return query;
  }

  async completionCounts(dimension: CompletionDimension, filter: ReportFilter = {}): Promise<GenderCount[]> {
    checkFilter(filter);
    if (dimension !== 'lesson' && this.cache)
      return this.cached(reportCacheKey(`completion/${dimension}`, filter), (store) =>
        store.completionCounts(dimension, filter),
      );
    const key = COMPLETION_KEY[dimension];
    const rows = (await this.completions(filter, dimension === 'lesson')
      .select(this.db.raw(`${key} AS key`), 'pp.gender as gender')
      .countDistinct({ count: 'p.id' })
      .groupByRaw(`${key}, pp.gender`)
      .orderByRaw(`1, 2`)) as Row[];
    return toCounts(rows);
  }

  async attendanceCounts(dimension: AttendanceDimension, filter: ReportFilter = {}): Promise<GenderCount[]> {
    checkFilter(filter);
    if (this.cache)
      return this.cached(reportCacheKey(`attendance/${dimension}`, filter), (store) =>
        store.attendanceCounts(dimension, filter),
      );
    const key = ATTENDANCE_KEY[dimension];
    // Distinct (group, person) first, then gender per person: a hash aggregate instead of sorting
    // every attendance row for count(DISTINCT); a person has one gender, so the counts are the same.
    const attended = this.attendance(filter)
      .select(this.db.raw(`${key} AS key`), 'at.person_id')
      .groupByRaw(`1, 2`);
    const rows = (await this.db
      .from(attended.as('d'))
      .leftJoin('person_profiles as pp', 'pp.person_id', 'd.person_id')
      .select('d.key', 'pp.gender as gender')
      .count({ count: '*' })
      .groupBy('d.key', 'pp.gender')
      .orderByRaw(`1, 2`)) as Row[];
    return toCounts(rows);
  }

  async targetMeasures(filter: ReportFilter = {}): Promise<TargetMeasures> {
    checkFilter(filter);
    if (this.cache)
      return this.cached(reportCacheKey('targets', filter), (store) => store.targetMeasures(filter));
    const trained = this.completions(filter, false)
      .select('p.id')
      .union(this.attendance({ ...filter, eventType: 'utbildningstillfalle' }).select('at.person_id'));
    const [trainedRow] = (await this.db.from(trained.as('t')).count({ count: '*' })) as Row[];

    const events = (await this.eventsSeen(filter)
      .select('e.type')
      .countDistinct({ events: 'e.id' })
      .select(this.db.raw(`count(DISTINCT coalesce(e.municipality_code, lower(e.place))) AS places`))
      .select(
        this.db.raw(
          `array_agg(DISTINCT to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY') || '-H' ||
            CASE WHEN extract(month FROM e.starts_at AT TIME ZONE 'UTC') <= 6 THEN '1' ELSE '2' END) AS halves`,
        ),
      )
      .groupBy('e.type')) as Row[];

    const active = this.completions(filter, false)
      .select('p.id')
      .union(this.attendance(filter).select('at.person_id'));
    const roles = (await this.db
      .from(active.as('act'))
      .join('person_profiles as pp', 'pp.person_id', 'act.id')
      .whereNotNull('pp.role')
      .select('pp.role as key', 'pp.gender as gender')
      .count({ count: '*' })
      .groupBy('pp.role', 'pp.gender')
      .orderByRaw('1, 2')) as Row[];

    const activeByRole: Partial<Record<ParticipantRole, GenderCount[]>> = {};
    for (const count of toCounts(roles)) (activeByRole[count.key as ParticipantRole] ??= []).push(count);
    return {
      peopleTrained: num(trainedRow?.count ?? 0),
      eventsByType: Object.fromEntries(events.map((row) => [str(row.type), num(row.events)])),
      placesByType: Object.fromEntries(events.map((row) => [str(row.type), num(row.places)])),
      halfYearsByType: Object.fromEntries(
        events.map((row) => [str(row.type), (row.halves as string[]).slice().sort()]),
      ) as Partial<Record<EventType, string[]>>,
      activeByRole,
    };
  }

  participantRecords(filter: ReportFilter, pseudonymKey: string) {
    checkFilter(filter);
    return participantRecords(this.db, filter, pseudonymKey);
  }
}
