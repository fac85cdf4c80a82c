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
import type { Knex } from 'knex';
import {
  ATTENDANCE_KEY,
  COMPLETION_KEY,
  PERSON_MUNICIPALITY,
  applyPeriod,
  applyPersonFilter,
} from './reportingSql';
import { participantRecords } from './participantRecords';
import { cachedReport, reportCacheKey, type RefreshReport } from './reportCache';
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

/**
 * Which rows a delta reads (see reportCache.ts), for the writes logged since data version `since`
 * (report_change_log). For people whose profile did not change: `logged`, the rows inserted since;
 * `earlier`, the other rows of the same people; what the logged rows add to a distinct count is
 * (logged pairs) EXCEPT (earlier pairs). For people whose gender, role or municipality changed, or
 * who moved to another organisation: `changedNow`, all their rows with their profile and
 * organisation now; `changedThen`, their rows that existed at `since` with their profile and
 * organisation then (the old values of their first logged change); their
 * contribution then is taken away and their contribution now added.
 */
interface DeltaRows {
  readonly since: string;
  readonly rows: 'logged' | 'earlier' | 'changedNow' | 'changedThen';
}

/** People whose profile changed since the bound version. */
const CHANGED_PEOPLE = `(SELECT l.person_id FROM report_change_log l WHERE l.kind = 'profile' AND l.version > ?)`;

/**
 * The profiles and organisations, at the bound version, of the people whose profile changed or who
 * moved since (as `pp`'s columns, plus `organisation_id`): the old values of their first change.
 */
const PROFILES_THEN = `(SELECT DISTINCT ON (l.person_id) l.person_id, l.old_gender AS gender, l.old_role AS role,
    l.old_municipality_code AS municipality_code, l.old_organisation_id AS organisation_id
  FROM report_change_log l WHERE l.kind = 'profile' AND l.version > ? ORDER BY l.person_id, l.version) AS pp`;

/**
 * `previous` plus `changes` (negative counts take away), cell by cell; cells that reach 0 go (a
 * recount has none). `grew` when `changes` brought cells `previous` lacked; null when a cell would
 * go below 0, which exact data cannot give (the caller recounts).
 */
function addCounts(
  previous: readonly GenderCount[],
  changes: readonly GenderCount[],
): { cells: GenderCount[]; grew: boolean } | null {
  const cells = previous.map((cell) => ({ ...cell }));
  let grew = false;
  for (const more of changes) {
    const cell = cells.find((c) => c.key === more.key && c.gender === more.gender);
    if (cell) cell.count += more.count;
    else {
      cells.push({ ...more });
      grew = true;
    }
  }
  if (cells.some((cell) => cell.count < 0)) return null;
  return { cells: cells.filter((cell) => cell.count > 0), grew };
}

const negated = (counts: readonly GenderCount[]) => counts.map((cell) => ({ ...cell, count: -cell.count }));

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
  private cached<T>(
    key: string,
    compute: (store: KnexReportingStore) => Promise<T>,
    refresh: (store: KnexReportingStore, previous: T, since: string) => Promise<T | null>,
  ): Promise<T> {
    if (!this.cache) return compute(this);
    const uncached = (db: Db) => new KnexReportingStore(db, { cache: false });
    const refreshReport: RefreshReport<T> = (db, previous, since) => refresh(uncached(db), previous, since);
    return cachedReport(this.db, key, (db) => compute(uncached(db)), refreshReport);
  }

  /** Restricts `query` to the delta rows of `delta`: `person` is the row's person, `logged` tells a logged row. */
  private applyDelta(
    query: Knex.QueryBuilder,
    delta: DeltaRows | undefined,
    person: string,
    logged: string,
  ): void {
    if (!delta) return;
    const { since, rows } = delta;
    if (rows === 'changedNow' || rows === 'changedThen') {
      query.whereRaw(`${person} IN ${CHANGED_PEOPLE}`, [since]);
      if (rows === 'changedThen') query.whereRaw(`NOT (${logged})`, [since]);
      return;
    }
    query.whereRaw(`${person} NOT IN ${CHANGED_PEOPLE}`, [since]);
    if (rows === 'logged') {
      query.whereRaw(logged, [since]);
    } else {
      query.whereRaw(`${person} IN (SELECT l.person_id FROM report_change_log l WHERE l.version > ?)`, [
        since,
      ]);
      query.whereRaw(`NOT (${logged})`, [since]);
    }
  }

  /** The profiles as `pp`: now, or for `changedThen` the changed people's profiles at `since`. */
  private profiles(delta?: DeltaRows): string | Knex.Raw {
    return delta?.rows === 'changedThen'
      ? this.db.raw(PROFILES_THEN, [delta.since])
      : 'person_profiles as pp';
  }

  /**
   * Completed attempts (or, for `lesson`, completed lesson objectives) with their person, their
   * profile `pp` and their organisation `o` (for `changedThen`, both as they were at `since`).
   */
  private completions(filter: ReportFilter, lessons: boolean, delta?: DeltaRows) {
    const query = this.db('attempts as a')
      .join('course_versions as cv', 'cv.id', 'a.course_version_id')
      .join('people as p', 'p.id', 'a.person_id');
    // changedThen reads only people with a logged change: each has a row in PROFILES_THEN, with
    // the organisation they were in at `since`.
    const organisation = delta?.rows === 'changedThen' ? 'pp.organisation_id' : 'p.organisation_id';
    query
      .leftJoin(this.profiles(delta), 'pp.person_id', 'p.id')
      .join('organisations as o', 'o.id', organisation);
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
    applyPersonFilter(query, filter, PERSON_MUNICIPALITY, organisation);
    this.applyDelta(
      query,
      delta,
      'a.person_id',
      `a.id IN (SELECT l.attempt_id FROM report_change_log l WHERE l.kind = 'completion' AND l.version > ?)`,
    );
    return query;
  }

  /**
   * Attendance rows with their event. The person is `at.person_id`: people and organisations are
   * not joined (the attendance report's place is the event's), so a million rows are read once and
   * an organisation filter walks people_organisation → attendance by person instead of scanning.
   */
  private attendance(filter: ReportFilter, delta?: DeltaRows) {
    const query = this.db('attendance as at').join('events as e', 'e.id', 'at.event_id');
    applyPeriod(query, 'e.starts_at', filter);
    if (filter.eventType !== undefined) query.where('e.type', filter.eventType);
    if (filter.organisationId !== undefined)
      query.whereIn(
        'at.person_id',
        // For changedThen, the people of the organisation at `since`.
        (delta?.rows === 'changedThen'
          ? this.db.from(this.profiles(delta)).select('pp.person_id as id')
          : this.db('people').select('id')
        ).where('organisation_id', filter.organisationId),
      );
    if (filter.countyCode !== undefined)
      query.whereRaw('left(e.municipality_code, 2) = ?', [filter.countyCode]);
    this.applyDelta(
      query,
      delta,
      'at.person_id',
      `(at.event_id, at.person_id) IN (SELECT l.event_id, l.person_id FROM report_change_log l
          WHERE l.kind = 'attendance' AND l.version > ?)`,
    );
    return query;
  }

  /** The distinct rows of `logged` that `earlier` lacks, as a subquery `d`. */
  private added(logged: Knex.QueryBuilder, earlier: Knex.QueryBuilder) {
    return this.db.raw('(? EXCEPT ?) AS d', [logged, earlier]);
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
      return this.cached(
        reportCacheKey(`completion/${dimension}`, filter),
        (store) => store.completionCounts(dimension, filter),
        (store, previous, since) => store.addedCompletionCounts(dimension, filter, previous, since),
      );
    const key = COMPLETION_KEY[dimension];
    const rows = (await this.completions(filter, dimension === 'lesson')
      .select(this.db.raw(`${key} AS key`), 'pp.gender as gender')
      .countDistinct({ count: 'p.id' })
      .groupByRaw(`${key}, pp.gender`)
      .orderByRaw(`1, 2`)) as Row[];
    return toCounts(rows);
  }

  /** `previous` (counted at data version `since`) brought forward by the writes since (DeltaRows). */
  private async addedCompletionCounts(
    dimension: CompletionDimension,
    filter: ReportFilter,
    previous: GenderCount[],
    since: string,
  ): Promise<GenderCount[] | null> {
    const key = COMPLETION_KEY[dimension];
    const pairs = (rows: DeltaRows['rows']) =>
      this.completions(filter, false, { since, rows }).select(
        this.db.raw(`${key} AS key`),
        'p.id as person_id',
      );
    return this.countChanges(previous, since, pairs);
  }

  /**
   * `previous` plus the pairs the logged rows add (people whose profile stayed), plus the changed
   * people's pairs now, minus their pairs then; `pairs(rows)` selects (key, person_id).
   */
  private async countChanges(
    previous: readonly GenderCount[],
    since: string,
    pairs: (rows: DeltaRows['rows']) => Knex.QueryBuilder,
  ): Promise<GenderCount[] | null> {
    const distinct = (rows: DeltaRows['rows']) => this.db.raw('(?) AS d', [pairs(rows).groupByRaw('1, 2')]);
    const then = { since, rows: 'changedThen' } as const;
    const changes = [
      ...(await this.genderCounts(this.added(pairs('logged'), pairs('earlier')))),
      ...(await this.genderCounts(distinct('changedNow'))),
      ...negated(await this.genderCounts(distinct('changedThen'), then)),
    ];
    return this.mergeCounts(previous, changes);
  }

  /**
   * `previous` plus `added`; new cells are put in place by the database, so the order is exactly
   * that of a recount (ORDER BY key, gender in the database's collation, nulls last).
   */
  private async mergeCounts(
    previous: readonly GenderCount[],
    changes: readonly GenderCount[],
  ): Promise<GenderCount[] | null> {
    const merged = addCounts(previous, changes);
    if (!merged) return null;
    const { cells, grew } = merged;
    if (!grew) return cells;
    const sorted = await this.db.raw<{ rows: Row[] }>(
      `SELECT t.key, t.gender, t.count FROM jsonb_to_recordset(?::jsonb) AS t(key text, gender text, count bigint)
        ORDER BY 1, 2`,
      [JSON.stringify(cells)],
    );
    return toCounts(sorted.rows);
  }

  /** Pairs (key, person_id) of subquery `d` counted per key and gender (their profile then, for `changedThen`). */
  private async genderCounts(pairs: Knex.Raw, delta?: DeltaRows): Promise<GenderCount[]> {
    const rows = (await this.db
      .from(pairs)
      .leftJoin(this.profiles(delta), 'pp.person_id', 'd.person_id')
      .select('d.key', 'pp.gender as gender')
      .count({ count: '*' })
      .groupBy('d.key', 'pp.gender')
      .orderByRaw(`1, 2`)) as Row[];
    return toCounts(rows);
  }

  async attendanceCounts(dimension: AttendanceDimension, filter: ReportFilter = {}): Promise<GenderCount[]> {
    checkFilter(filter);
    if (this.cache)
      return this.cached(
        reportCacheKey(`attendance/${dimension}`, filter),
        (store) => store.attendanceCounts(dimension, filter),
        (store, previous, since) => store.addedAttendanceCounts(dimension, filter, previous, since),
      );
    const key = ATTENDANCE_KEY[dimension];
    // Distinct (group, person) first, then gender per person: a hash aggregate instead of sorting
    // every attendance row for count(DISTINCT); a person has one gender, so the counts are the same.
    const attended = this.attendance(filter)
      .select(this.db.raw(`${key} AS key`), 'at.person_id')
      .groupByRaw(`1, 2`);
    return this.genderCounts(this.db.raw('(?) AS d', [attended]));
  }

  /** `previous` (counted at data version `since`) brought forward by the writes since (DeltaRows). */
  private async addedAttendanceCounts(
    dimension: AttendanceDimension,
    filter: ReportFilter,
    previous: GenderCount[],
    since: string,
  ): Promise<GenderCount[] | null> {
    const key = ATTENDANCE_KEY[dimension];
    const pairs = (rows: DeltaRows['rows']) =>
      this.attendance(filter, { since, rows }).select(
        this.db.raw(`${key} AS key`),
        'at.person_id as person_id',
      );
    return this.countChanges(previous, since, pairs);
  }

  async targetMeasures(filter: ReportFilter = {}): Promise<TargetMeasures> {
    checkFilter(filter);
    if (this.cache)
      return this.cached(
        reportCacheKey('targets', filter),
        (store) => store.targetMeasures(filter),
        (store, previous, since) => store.addedTargetMeasures(filter, previous, since),
      );
    const [trainedRow] = (await this.db.from(this.trained(filter).as('t')).count({ count: '*' })) as Row[];
    const roles = await this.activeByRole(this.db.raw('(?) AS d', [this.active(filter)]));
    const activeByRole: Partial<Record<ParticipantRole, GenderCount[]>> = {};
    for (const count of roles) (activeByRole[count.key as ParticipantRole] ??= []).push(count);
    return {
      peopleTrained: num(trainedRow?.count ?? 0),
      ...(await this.eventMeasures(filter)),
      activeByRole,
    };
  }

  /** People trained: a completed course, or attendance at a training event. */
  private trained(filter: ReportFilter, delta?: DeltaRows) {
    return this.completions(filter, false, delta)
      .select('p.id as person_id')
      .union(this.attendance({ ...filter, eventType: 'utbildningstillfalle' }, delta).select('at.person_id'));
  }

  /** People active: a completed course, or any attendance. */
  private active(filter: ReportFilter, delta?: DeltaRows) {
    return this.completions(filter, false, delta)
      .select('p.id as person_id')
      .union(this.attendance(filter, delta).select('at.person_id'));
  }

  /** People of subquery `d` with a role, counted per role and gender (their profile then, for `changedThen`). */
  private async activeByRole(people: Knex.Raw, delta?: DeltaRows): Promise<GenderCount[]> {
    const rows = (await this.db
      .from(people)
      .join(this.profiles(delta), 'pp.person_id', 'd.person_id')
      .whereNotNull('pp.role')
      .select('pp.role as key', 'pp.gender as gender')
      .count({ count: '*' })
      .groupBy('pp.role', 'pp.gender')
      .orderByRaw('1, 2')) as Row[];
    return toCounts(rows);
  }

  /** The event measures: always counted (10,000 events, or one organisation's attendance: ms). */
  private async eventMeasures(
    filter: ReportFilter,
  ): Promise<Pick<TargetMeasures, 'eventsByType' | 'placesByType' | 'halfYearsByType'>> {
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
    return {
      eventsByType: Object.fromEntries(events.map((row) => [str(row.type), num(row.events)])),
      placesByType: Object.fromEntries(events.map((row) => [str(row.type), num(row.places)])),
      halfYearsByType: Object.fromEntries(
        events.map((row) => [str(row.type), (row.halves as string[]).slice().sort()]),
      ) as Partial<Record<EventType, string[]>>,
    };
  }

  /**
   * `previous` (counted at data version `since`) brought forward by the writes since (DeltaRows):
   * people trained and active per role; the event measures are counted again (cheap, and events
   * themselves are not logged deltas).
   */
  private async addedTargetMeasures(
    filter: ReportFilter,
    previous: TargetMeasures,
    since: string,
  ): Promise<TargetMeasures | null> {
    const delta = (rows: DeltaRows['rows']) => ({ since, rows });
    const count = async (people: Knex.Raw) =>
      num(((await this.db.from(people).count({ count: '*' })) as Row[])[0]?.count ?? 0);
    const whole = (query: Knex.QueryBuilder) => this.db.raw('(?) AS d', [query]);
    const trained =
      (await count(
        this.added(this.trained(filter, delta('logged')), this.trained(filter, delta('earlier'))),
      )) +
      (await count(whole(this.trained(filter, delta('changedNow'))))) -
      (await count(whole(this.trained(filter, delta('changedThen')))));
    const changes = [
      ...(await this.activeByRole(
        this.added(this.active(filter, delta('logged')), this.active(filter, delta('earlier'))),
      )),
      ...(await this.activeByRole(whole(this.active(filter, delta('changedNow'))))),
      ...negated(
        await this.activeByRole(whole(this.active(filter, delta('changedThen'))), delta('changedThen')),
      ),
    ];
    const activeByRole: Partial<Record<ParticipantRole, GenderCount[]>> = {};
    for (const [role, counts] of Object.entries(previous.activeByRole))
      activeByRole[role as ParticipantRole] = counts.map((cell) => ({ ...cell }));
    for (const role of new Set(changes.map((cell) => cell.key as ParticipantRole))) {
      const merged = await this.mergeCounts(
        activeByRole[role] ?? [],
        changes.filter((cell) => cell.key === role),
      );
      if (!merged) return null;
      if (merged.length > 0) activeByRole[role] = merged;
      else delete activeByRole[role];
    }
    const peopleTrained = previous.peopleTrained + trained;
    if (peopleTrained < 0) return null;
    // Roles in the order a recount gives them (lowercase ASCII names: every collation agrees).
    const roles = Object.keys(activeByRole).sort() as ParticipantRole[];
    return {
      peopleTrained,
      ...(await this.eventMeasures(filter)),
      activeByRole: Object.fromEntries(roles.map((role) => [role, activeByRole[role]])),
    };
  }

  participantRecords(filter: ReportFilter, pseudonymKey: string) {
    checkFilter(filter);
    return participantRecords(this.db, filter, pseudonymKey);
  }
}
