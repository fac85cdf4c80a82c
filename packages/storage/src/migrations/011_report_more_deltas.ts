import type { Knex } from 'knex';
import { PROFILE_UPDATED, PROFILES_INSERTED } from './010_report_deltas';

/**
 * A person's move to another organisation becomes a logged delta, like a gender change (migration
 * 010), instead of recounting every cached answer: the organisation is a group key and a filter of
 * the counts, so a refresh takes the person's contribution at the old organisation away and adds
 * it at the new one (storage/src/stores/KnexReportingStore.ts, docs/architecture/reporting.md).
 *
 * Every 'profile' row of report_change_log now carries the person's whole counted state before the
 * write: old gender, role and municipality, and `old_organisation_id`. The first such row of a
 * person after a cached answer's version is then their state at that version, whatever mix of
 * profile changes and moves followed. A move of someone counted nowhere moves no count and bumps
 * nothing; as for a first profile, that check runs after taking the version row lock.
 *
 * An attempt's own organisation_id is not what the counts read (they read the person's), and a
 * change of it still invalidates (migration 010), as do renamed organisations and erasures.
 *
 * Edits of events and organisations now invalidate only when they change a column the cached
 * counts read (an event's type, start, place and municipality; an organisation's name and
 * municipality): a corrected event title, its hours or organiser, or an organisation's kind no
 * longer make every answer recounted.
 *
 * A new course version is a logged delta (kind 'course_version'), like a new event: it has no
 * attempts yet, so it moves no count. Before, every start of the app (which registers the built
 * courses again, `ON CONFLICT DO NOTHING`) fired the statement trigger of migration 009 and
 * invalidated every cached answer even when no row was inserted. A changed slug (a group key) or
 * id, a deleted version and truncation still invalidate.
 */

/** The columns of each table that the cached counts read (KnexReportingStore), besides `id`. */
const COUNTED_COLUMNS = {
  events: ['type', 'starts_at', 'place', 'municipality_code'],
  organisations: ['name', 'municipality_code'],
} as const;

const KINDS_010 = ['attendance', 'completion', 'event', 'organisation', 'profile'];

const kindCheck = (kinds: readonly string[]) =>
  `ALTER TABLE report_change_log ADD CONSTRAINT report_change_log_kind_check
    CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}))`;

const COURSE_VERSIONS_INSERTED = `
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind) VALUES (bumped, 'course_version');
      RETURN NULL;
    END
  `;

const changedAny = (columns: readonly string[]) =>
  ['id', ...columns].map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ');

/** Whether person `person` counts anywhere: some attendance, or a completed attempt. */
const COUNTED = (person: string) => `(EXISTS (SELECT 1 FROM attendance at WHERE at.person_id = ${person})
    OR EXISTS (SELECT 1 FROM attempts a WHERE a.person_id = ${person} AND a.completion_status = 'completed'))`;

const PROFILES_INSERTED_WITH_ORGANISATION = `
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      PERFORM 1 FROM report_data_version FOR UPDATE;
      IF EXISTS (SELECT 1 FROM inserted i WHERE ${COUNTED('i.person_id')}) THEN
        UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
        -- The same condition again: no counted write can commit between the two (they wait for
        -- the version row lock this transaction holds). No profile before: all its values unset.
        INSERT INTO report_change_log (version, kind, person_id, old_organisation_id)
          SELECT bumped, 'profile', i.person_id, p.organisation_id
            FROM inserted i JOIN people p ON p.id = i.person_id
           WHERE ${COUNTED('i.person_id')};
      END IF;
      RETURN NULL;
    END
  `;

const PROFILE_UPDATED_WITH_ORGANISATION = `
    DECLARE bumped bigint;
    BEGIN
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log
          (version, kind, person_id, old_gender, old_role, old_municipality_code, old_organisation_id)
        SELECT bumped, 'profile', OLD.person_id, OLD.gender, OLD.role, OLD.municipality_code, p.organisation_id
          FROM people p WHERE p.id = OLD.person_id;
      RETURN NULL;
    END
  `;

/** A move: the profile stays as it is (or unset, without one); the organisation was OLD's. */
const PERSON_MOVED = `
    DECLARE bumped bigint;
    BEGIN
      PERFORM 1 FROM report_data_version FOR UPDATE;
      IF OLD.id IS DISTINCT FROM NEW.id THEN
        UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1;
        DELETE FROM report_change_log;
      ELSIF ${COUNTED('NEW.id')} THEN
        UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
        INSERT INTO report_change_log
            (version, kind, person_id, old_gender, old_role, old_municipality_code, old_organisation_id)
          SELECT bumped, 'profile', NEW.id, pp.gender, pp.role, pp.municipality_code, OLD.organisation_id
            FROM (SELECT NEW.id AS person_id) AS moved
            LEFT JOIN person_profiles pp ON pp.person_id = moved.person_id;
      END IF;
      RETURN NULL;
    END
  `;

export async function up(knex: Knex): Promise<void> {
  // Log rows written before this migration lack the old organisation: no cached answer may be
  // brought forward across them, so everything cached is recounted once.
  await knex.raw(`UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1`);
  await knex.raw(`DELETE FROM report_change_log`);
  await knex.raw(`ALTER TABLE report_change_log ADD COLUMN old_organisation_id uuid`);
  await knex.raw(`ALTER TABLE report_change_log ADD CONSTRAINT report_change_log_profile_organisation
    CHECK (kind <> 'profile' OR old_organisation_id IS NOT NULL)`);
  await knex.raw(`CREATE OR REPLACE FUNCTION report_profiles_inserted() RETURNS trigger LANGUAGE plpgsql
    AS $$${PROFILES_INSERTED_WITH_ORGANISATION}$$`);
  await knex.raw(`CREATE OR REPLACE FUNCTION report_profile_updated() RETURNS trigger LANGUAGE plpgsql
    AS $$${PROFILE_UPDATED_WITH_ORGANISATION}$$`);
  await knex.raw(
    `CREATE FUNCTION report_person_moved() RETURNS trigger LANGUAGE plpgsql AS $$${PERSON_MOVED}$$`,
  );
  await knex.raw(`DROP TRIGGER people_report_data_update ON people`);
  await knex.raw(`CREATE TRIGGER people_report_data_update AFTER UPDATE ON people FOR EACH ROW
    WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
    EXECUTE FUNCTION report_person_moved()`);
  await knex.raw(`ALTER TABLE report_change_log DROP CONSTRAINT report_change_log_kind_check`);
  await knex.raw(kindCheck([...KINDS_010, 'course_version']));
  await knex.raw(`ALTER TABLE report_change_log ADD CONSTRAINT report_change_log_course_version
    CHECK (kind <> 'course_version' OR (person_id IS NULL AND event_id IS NULL AND attempt_id IS NULL))`);
  await knex.raw(`CREATE FUNCTION report_course_versions_inserted() RETURNS trigger LANGUAGE plpgsql
    AS $$${COURSE_VERSIONS_INSERTED}$$`);
  await knex.raw(`DROP TRIGGER course_versions_report_data ON course_versions`);
  await knex.raw(`CREATE TRIGGER course_versions_report_data_insert AFTER INSERT ON course_versions
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_course_versions_inserted()`);
  await knex.raw(`CREATE TRIGGER course_versions_report_data AFTER DELETE OR TRUNCATE ON course_versions
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE TRIGGER course_versions_report_data_update AFTER UPDATE ON course_versions FOR EACH ROW
    WHEN (${changedAny(['course_slug'])}) EXECUTE FUNCTION report_data_changed()`);
  for (const [table, columns] of Object.entries(COUNTED_COLUMNS)) {
    await knex.raw(`DROP TRIGGER ${table}_report_data ON ${table}`);
    await knex.raw(`CREATE TRIGGER ${table}_report_data AFTER DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
    await knex.raw(`CREATE TRIGGER ${table}_report_data_update AFTER UPDATE ON ${table} FOR EACH ROW
      WHEN (${changedAny(columns)}) EXECUTE FUNCTION report_data_changed()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TRIGGER IF EXISTS course_versions_report_data_update ON course_versions`);
  await knex.raw(`DROP TRIGGER IF EXISTS course_versions_report_data_insert ON course_versions`);
  await knex.raw(`DROP TRIGGER IF EXISTS course_versions_report_data ON course_versions`);
  await knex.raw(`CREATE TRIGGER course_versions_report_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON course_versions FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_course_versions_inserted()`);
  for (const table of Object.keys(COUNTED_COLUMNS)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_report_data_update ON ${table}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_report_data ON ${table}`);
    await knex.raw(`CREATE TRIGGER ${table}_report_data AFTER UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  }
  await knex.raw(`DROP TRIGGER IF EXISTS people_report_data_update ON people`);
  await knex.raw(`CREATE TRIGGER people_report_data_update AFTER UPDATE ON people FOR EACH ROW
    WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
    EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_person_moved()`);
  await knex.raw(`CREATE OR REPLACE FUNCTION report_profile_updated() RETURNS trigger LANGUAGE plpgsql
    AS $$${PROFILE_UPDATED}$$`);
  await knex.raw(`CREATE OR REPLACE FUNCTION report_profiles_inserted() RETURNS trigger LANGUAGE plpgsql
    AS $$${PROFILES_INSERTED}$$`);
  // The log rows kept so far carry the old organisation that 010's refresh does not read: recount.
  await knex.raw(`UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1`);
  await knex.raw(`DELETE FROM report_change_log`);
  await knex.raw(`ALTER TABLE report_change_log DROP CONSTRAINT report_change_log_course_version`);
  await knex.raw(`ALTER TABLE report_change_log DROP CONSTRAINT report_change_log_kind_check`);
  await knex.raw(kindCheck(KINDS_010));
  await knex.raw(`ALTER TABLE report_change_log DROP CONSTRAINT report_change_log_profile_organisation`);
  await knex.raw(`ALTER TABLE report_change_log DROP COLUMN old_organisation_id`);
}
