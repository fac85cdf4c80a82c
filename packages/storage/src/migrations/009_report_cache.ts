import type { Knex } from 'knex';

/** Tables whose every change can move a dashboard count: a write to them stales every cached report. */
const STATEMENT_TABLES = ['attendance', 'events', 'person_profiles', 'organisations', 'course_versions'];

/**
 * The cache of aggregate report results (counts before suppression; no person ids) and the data
 * version that makes it exact: triggers bump `report_data_version` in the same transaction as any
 * write the counts depend on, and a cached result is served only if it was computed at the current
 * version (see storage/src/stores/reportCache.ts). Launches (people.updated_at) and SCORM commits
 * that do not change completion leave the version alone, so they neither stale the cache nor queue
 * on its row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE report_data_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
  )`);
  await knex.raw(`INSERT INTO report_data_version (id, version) VALUES (true, 0)`);
  await knex.raw(`CREATE TABLE report_cache (
    key text PRIMARY KEY,
    version bigint NOT NULL,
    result jsonb NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now()
  )`);
  await knex.raw(`CREATE FUNCTION report_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE report_data_version SET version = version + 1;
      RETURN NULL;
    END
  $$`);
  for (const table of STATEMENT_TABLES) {
    await knex.raw(`CREATE TRIGGER ${table}_report_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  }
  // Attempts: created, deleted, or completion (or whose it is) changed; not every SCORM commit.
  await knex.raw(`CREATE TRIGGER attempts_report_data AFTER INSERT OR DELETE OR TRUNCATE ON attempts
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE TRIGGER attempts_report_data_update AFTER UPDATE ON attempts FOR EACH ROW
    WHEN (OLD.completion_status IS DISTINCT FROM NEW.completion_status
       OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
       OR OLD.person_id IS DISTINCT FROM NEW.person_id
       OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
       OR OLD.course_version_id IS DISTINCT FROM NEW.course_version_id)
    EXECUTE FUNCTION report_data_changed()`);
  // People: a move to another organisation, or a deletion; not the name, e-mail or roles of a launch.
  await knex.raw(`CREATE TRIGGER people_report_data AFTER DELETE OR TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE TRIGGER people_report_data_update AFTER UPDATE ON people FOR EACH ROW
    WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
    EXECUTE FUNCTION report_data_changed()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of STATEMENT_TABLES)
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_report_data ON ${table}`);
  await knex.raw(`DROP TRIGGER IF EXISTS attempts_report_data ON attempts`);
  await knex.raw(`DROP TRIGGER IF EXISTS attempts_report_data_update ON attempts`);
  await knex.raw(`DROP TRIGGER IF EXISTS people_report_data ON people`);
  await knex.raw(`DROP TRIGGER IF EXISTS people_report_data_update ON people`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_data_changed()`);
  await knex.schema.dropTableIfExists('report_cache');
  await knex.schema.dropTableIfExists('report_data_version');
}
