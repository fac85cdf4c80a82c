import type {
  Attempt,
  AttemptCommit,
  AttemptResume,
  AttemptStore,
  AttemptSummary,
  CmiData,
  CommitOutcome,
  CompletionStatus,
  ConditionalAttemptCommit,
  NewAttempt,
  ScormVersion,
  SuccessStatus,
} from '@kompetenta/core';
import {
  date,
  dateOrNull,
  guarded,
  isUuid,
  notFound,
  num,
  numOrNull,
  str,
  strOrNull,
  type Db,
  type Row,
} from './sql';
import { CommitBatcher } from './commitBatches';

/** Every column but the CMI: what a commit reads and returns, without parsing the CMI's JSON twice. */
const SUMMARY_COLUMNS = `id, organisation_id, person_id, course_version_id, resource_link_id, lti_resource_link_id,
  scorm_version, commit_seq, completion_status, success_status, score_scaled, total_time_seconds,
  started_at, last_activity_at, completed_at`;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the hot statements below have no other `?`). */
const numberedSql = new Map<string, string>();
function numbered(sql: string): string {
  let text = numberedSql.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${(n += 1)}`);
    numberedSql.set(sql, text);
  }
  return text;
}

/**
 * One of the commit's hot statements as a NAMED prepared statement on a pooled `pg` connection:
 * PostgreSQL parses and plans it once per connection instead of on every commit, and knex's query
 * building is skipped (measured per commit, PostgreSQL CPU: the summary read 0.16 → 0.03 ms, the
 * conditional update 0.53 → 0.37 ms; see docs/architecture/scaling.md). The SQL and its bound
 * values are the same as through `knex.raw`, which is used inside a transaction (its own
 * connection) and on PGlite. Driver errors are the driver's, as through knex.
 */
async function preparedRaw(
  db: Db,
  name: string,
  sql: string,
  bindings: readonly unknown[],
): Promise<{ rows: Row[] }> {
  const client = db.client as {
    config: { client?: unknown };
    acquireConnection(): Promise<PreparedConnection>;
    releaseConnection(connection: PreparedConnection): Promise<unknown>;
  };
  if (db.isTransaction || client.config.client !== 'pg')
    return await db.raw<{ rows: Row[] }>(sql, bindings as never);
  const connection = await client.acquireConnection();
  try {
    return await connection.query({ name, text: numbered(sql), values: bindings });
  } finally {
    await client.releaseConnection(connection);
  }
}

interface PreparedConnection {
  query(query: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: Row[] }>;
}

function toAttempt(row: Row): Attempt {
  return { ...toSummary(row), cmi: row.cmi as CmiData };
}

function toSummary(row: Row): AttemptSummary {
  return {
    id: str(row.id),
    organisationId: str(row.organisation_id),
    personId: str(row.person_id),
    courseVersionId: str(row.course_version_id),
    resourceLinkId: strOrNull(row.resource_link_id),
    ltiResourceLinkId: strOrNull(row.lti_resource_link_id),
    scormVersion: str(row.scorm_version) as ScormVersion,
    commitSeq: num(row.commit_seq),
    completionStatus: str(row.completion_status) as CompletionStatus,
    successStatus: str(row.success_status) as SuccessStatus,
    scoreScaled: numOrNull(row.score_scaled),
    totalTimeSeconds: num(row.total_time_seconds),
    startedAt: date(row.started_at),
    lastActivityAt: date(row.last_activity_at),
    completedAt: dateOrNull(row.completed_at),
  };
}

/**
 * Commits (one per attempt) in ONE statement, so one round trip and one transaction: each
 * attempt's UPDATE matches only while `commit_seq` is still the one its commit was derived from
 * (a concurrent commit that got there first makes it match nothing, also after waiting for that
 * commit's row lock), and its grade outbox row, if it asks for one, is inserted from the updated
 * row, so it exists exactly when the update does — and only when the attempt's resource link has
 * an AGS line item and the person an LTI subject. The outbox id is drawn while the row lock is
 * held, which keeps one attempt's grade rows in commit order. One bound parameter, the commits as
 * a JSON array in attempt id order (the order the rows are locked in); prepared once per
 * connection (preparedRaw), the same statement for one commit or many.
 */
const COMMIT = `WITH input AS (
    SELECT * FROM jsonb_to_recordset(?::jsonb) AS i(n int, attempt_id uuid, organisation_id uuid,
      person_id uuid, expected_seq bigint, seq bigint, cmi jsonb, completion_status text,
      success_status text, score_scaled numeric, total_time_seconds integer, grade_key text,
      grade_ordering_key text, grade_score jsonb)),
  updated AS (
    UPDATE attempts a SET cmi = i.cmi, commit_seq = i.seq, completion_status = i.completion_status,
      success_status = i.success_status, score_scaled = i.score_scaled,
      total_time_seconds = i.total_time_seconds,
      -- Strictly increasing per attempt (AGS score timestamps come from it), in whole
      -- milliseconds so the stored value and the grade's ISO timestamp are the same instant.
      last_activity_at = date_trunc('milliseconds',
        GREATEST(clock_timestamp(), a.last_activity_at + interval '1 millisecond')),
      completed_at = CASE WHEN i.completion_status = 'completed' THEN COALESCE(a.completed_at, now())
        ELSE a.completed_at END
    FROM input i
    WHERE a.id = i.attempt_id AND a.organisation_id = i.organisation_id AND a.person_id = i.person_id
      AND a.commit_seq = i.expected_seq
    RETURNING i.n, i.grade_key, i.grade_ordering_key, i.grade_score,
      ${SUMMARY_COLUMNS.split(',')
        .map((column) => `a.${column.trim()}`)
        .join(', ')}),
  grade AS (
    INSERT INTO outbox (topic, idempotency_key, organisation_id, ordering_key, payload, next_attempt_at)
    SELECT 'grade', u.grade_key, u.organisation_id, u.grade_ordering_key,
      jsonb_build_object('attemptId', u.id, 'platformId', l.platform_id, 'lineItemUrl', l.ags_line_item_url,
        'score', u.grade_score || jsonb_build_object('userId', p.lti_subject, 'timestamp',
          to_char(u.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
      now()
    FROM updated u
    JOIN lti_resource_links l ON l.id = u.lti_resource_link_id AND l.organisation_id = u.organisation_id
    JOIN people p ON p.id = u.person_id
    WHERE u.grade_key IS NOT NULL AND l.ags_line_item_url IS NOT NULL AND p.lti_subject IS NOT NULL
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING idempotency_key)
  SELECT updated.*, updated.grade_key IN (SELECT idempotency_key FROM grade) IS TRUE AS graded FROM updated`;

/** The rows of `commits` that matched (their summary columns and `graded`), by index in `commits`. */
async function applyCommits(db: Db, commits: readonly ConditionalAttemptCommit[]): Promise<Map<number, Row>> {
  const input = commits
    .map((commit, n) => ({
      n,
      attempt_id: commit.attemptId,
      organisation_id: commit.organisationId,
      person_id: commit.personId,
      expected_seq: commit.expectedSeq,
      seq: commit.seq,
      cmi: commit.cmi,
      completion_status: commit.completionStatus,
      success_status: commit.successStatus,
      score_scaled: commit.scoreScaled,
      total_time_seconds: commit.totalTimeSeconds,
      grade_key: commit.grade?.idempotencyKey ?? null,
      grade_ordering_key: commit.grade?.orderingKey ?? null,
      grade_score: commit.grade?.score ?? null,
    }))
    .sort((a, b) => (a.attempt_id < b.attempt_id ? -1 : a.attempt_id > b.attempt_id ? 1 : 0));
  const result = await preparedRaw(db, 'kompetenta_commit', COMMIT, [JSON.stringify(input)]);
  return new Map(result.rows.map((row) => [num(row.n), row]));
}

/** One commit on its own: its row, or null when it matched nothing; constraint errors as ours. */
async function applyOneCommit(db: Db, commit: ConditionalAttemptCommit): Promise<Row | null> {
  const rows = await guarded('The commit', () => applyCommits(db, [commit]));
  return rows.get(0) ?? null;
}

/** One batcher per database handle (knex instance), shared by every store made on it. */
const batchers = new WeakMap<object, CommitBatcher>();
function commitBatcher(db: Db): CommitBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new CommitBatcher({
      one: (commit) => applyOneCommit(db, commit),
      many: (commits) => applyCommits(db, commits),
    });
    batchers.set(db, batcher);
  }
  return batcher;
}

export class KnexAttemptStore implements AttemptStore {
  constructor(private readonly db: Db) {}

  async create(input: NewAttempt): Promise<Attempt> {
    const [row] = (await guarded('The attempt', () =>
      this.db('attempts')
        .insert({
          organisation_id: input.organisationId,
          person_id: input.personId,
          course_version_id: input.courseVersionId,
          resource_link_id: input.resourceLinkId ?? null,
          lti_resource_link_id: input.ltiResourceLinkId ?? null,
          scorm_version: input.scormVersion,
        })
        .returning('*'),
    )) as Row[];
    return toAttempt(row!);
  }

  async get(organisationId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Attempt> {
    let row: Row | undefined;
    if (isUuid(id) && isUuid(organisationId)) {
      const query = this.db('attempts').where({ id, organisation_id: organisationId });
      row = (await (options.forUpdate ? query.forUpdate() : query).first()) as Row | undefined;
    }
    if (!row) throw notFound('Attempt', id);
    return toAttempt(row);
  }

  async findLatest(organisationId: string, personId: string, courseSlug: string): Promise<Attempt | null> {
    if (!isUuid(organisationId) || !isUuid(personId)) return null;
    const row = await this.db('attempts as a')
      .join('course_versions as v', 'v.id', 'a.course_version_id')
      .where({ 'a.organisation_id': organisationId, 'a.person_id': personId, 'v.course_slug': courseSlug })
      .orderBy('a.started_at', 'desc')
      .first<Row | undefined>('a.*');
    return row ? toAttempt(row) : null;
  }

  /**
   * One UPDATE guarded by `commit_seq < ?`: the row lock makes concurrent commits from two tabs
   * apply in sequence order, and a stale or repeated commit matches no row and changes nothing.
   */
  async applyCommit(commit: AttemptCommit): Promise<CommitOutcome> {
    if (!isUuid(commit.attemptId) || !isUuid(commit.organisationId))
      throw notFound('Attempt', commit.attemptId);
    const updated = await guarded('The commit', () =>
      this.db('attempts')
        .where({ id: commit.attemptId, organisation_id: commit.organisationId })
        .andWhere('commit_seq', '<', commit.seq)
        .update({
          cmi: JSON.stringify(commit.cmi),
          commit_seq: commit.seq,
          completion_status: commit.completionStatus,
          success_status: commit.successStatus,
          score_scaled: commit.scoreScaled,
          total_time_seconds: commit.totalTimeSeconds,
          // Strictly increasing per attempt, even when two tabs' transactions started out of
          // order: AGS score timestamps come from it and a platform ignores an older one.
          last_activity_at: this.db.raw(
            "GREATEST(clock_timestamp(), last_activity_at + interval '1 millisecond')",
          ),
          completed_at:
            commit.completionStatus === 'completed'
              ? this.db.raw('COALESCE(completed_at, now())')
              : this.db.raw('completed_at'),
        })
        .returning('*'),
    );
    const row = (updated as Row[])[0];
    if (row) return { applied: true, attempt: toAttempt(row) };
    return { applied: false, attempt: await this.get(commit.organisationId, commit.attemptId) };
  }

  async getSummary(organisationId: string, id: string): Promise<AttemptSummary> {
    let row: Row | undefined;
    if (isUuid(id) && isUuid(organisationId)) {
      const result = await preparedRaw(
        this.db,
        'kompetenta_attempt_summary',
        `SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE id = ? AND organisation_id = ?`,
        [id, organisationId],
      );
      row = result.rows[0];
    }
    if (!row) throw notFound('Attempt', id);
    return toSummary(row);
  }

  /**
   * The COMMIT statement above: the commit and its grade row, only while the attempt is still at
   * the `seq` the commit was derived from. Outside a transaction, the commits that arrive
   * together share one such statement (group commit, commitBatches.ts); inside one, it runs alone
   * on the transaction's connection.
   */
  async applyCommitIfUnchanged(
    commit: ConditionalAttemptCommit,
  ): Promise<{ attempt: AttemptSummary; graded: boolean } | null> {
    if (!isUuid(commit.attemptId) || !isUuid(commit.organisationId) || !isUuid(commit.personId))
      throw notFound('Attempt', commit.attemptId);
    const row = this.db.isTransaction
      ? await applyOneCommit(this.db, commit)
      : await commitBatcher(this.db).submit(commit);
    return row ? { attempt: toSummary(row), graded: row.graded === true } : null;
  }

  async resume(organisationId: string, id: string, to: AttemptResume): Promise<Attempt> {
    if (!isUuid(id) || !isUuid(organisationId)) throw notFound('Attempt', id);
    const [row] = (await guarded('The attempt', () =>
      this.db('attempts')
        .where({ id, organisation_id: organisationId })
        .update({
          course_version_id: to.courseVersionId,
          lti_resource_link_id: to.ltiResourceLinkId ?? this.db.raw('lti_resource_link_id'),
          resource_link_id: to.resourceLinkId ?? this.db.raw('resource_link_id'),
        })
        .returning('*'),
    )) as Row[];
    if (!row) throw notFound('Attempt', id);
    return toAttempt(row);
  }

  async listForCourse(organisationId: string, courseSlug: string): Promise<Attempt[]> {
    if (!isUuid(organisationId)) return [];
    const rows = await this.db('attempts as a')
      .join('course_versions as v', 'v.id', 'a.course_version_id')
      .where({ 'a.organisation_id': organisationId, 'v.course_slug': courseSlug })
      .orderBy('a.started_at')
      .select<Row[]>('a.*');
    return rows.map(toAttempt);
  }

  async listForCourseVersion(organisationId: string, courseVersionId: string): Promise<Attempt[]> {
    if (!isUuid(organisationId) || !isUuid(courseVersionId)) return [];
    const rows = (await this.db('attempts')
      .where({ organisation_id: organisationId, course_version_id: courseVersionId })
      .orderBy('started_at')) as Row[];
    return rows.map(toAttempt);
  }
}
