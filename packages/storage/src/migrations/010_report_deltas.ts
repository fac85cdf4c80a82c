import type { Knex } from 'knex';

/** The body of report_profiles_inserted() as this migration defines it (migration 011 replaces it; its down restores this). */
export const PROFILES_INSERTED = `
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      PERFORM 1 FROM report_data_version FOR UPDATE;
      IF EXISTS (SELECT 1 FROM inserted i
                  WHERE EXISTS (SELECT 1 FROM attendance at WHERE at.person_id = i.person_id)
                     OR EXISTS (SELECT 1 FROM attempts a WHERE a.person_id = i.person_id
                                   AND a.completion_status = 'completed')) THEN
        UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
        -- The same condition again: no counted write can commit between the two (they wait for
        -- the version row lock this transaction holds).
        INSERT INTO report_change_log (version, kind, person_id)
          SELECT bumped, 'profile', i.person_id FROM inserted i
           WHERE EXISTS (SELECT 1 FROM attendance at WHERE at.person_id = i.person_id)
              OR EXISTS (SELECT 1 FROM attempts a WHERE a.person_id = i.person_id
                            AND a.completion_status = 'completed');
      END IF;
      RETURN NULL;
    END
  `;

/** The body of report_profile_updated() as this migration defines it (likewise). */
export const PROFILE_UPDATED = `
    DECLARE bumped bigint;
    BEGIN
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind, person_id, old_gender, old_role, old_municipality_code)
        VALUES (bumped, 'profile', OLD.person_id, OLD.gender, OLD.role, OLD.municipality_code);
      RETURN NULL;
    END
  `;

/**
 * Lets the report cache follow the hot writes by deltas instead of recounting (see
 * storage/src/stores/reportCache.ts and docs/architecture/reporting.md):
 *
 * - `report_change_log` records, under the data version a write bumped to, the attendance rows
 *   inserted (a check-in, a roster row, an LTI event launch), the attempts that became completed,
 *   and the events and organisations created (nothing refers to them yet). A cached answer of version v is brought to version v' by counting only what these
 *   rows add, if every version in (v, v'] is such a logged write.
 * - `report_data_version.invalidated_at` is the last version bumped by any other write (a gender,
 *   role or municipality change, a move, an erasure, a deleted attendance, a new event ...): an
 *   answer older than it is recounted.
 * - Writes that cannot move a count no longer bump at all: an attempt created not completed, a
 *   duplicate attendance (ON CONFLICT DO NOTHING inserts nothing), a profile update of the consent
 *   time only, the first profile of a person who has neither attendance nor a completed attempt.
 *
 * Every bump still takes the one `report_data_version` row lock until commit, so versions commit
 * in order, and the delta triggers read what they compare against after taking it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE report_data_version ADD COLUMN invalidated_at bigint NOT NULL DEFAULT 0`);
  await knex.raw(`UPDATE report_data_version SET invalidated_at = version`);
  await knex.raw(`CREATE TABLE report_change_log (
    version bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('attendance', 'completion', 'event', 'organisation', 'profile')),
    person_id uuid,
    event_id uuid,
    attempt_id uuid,
    old_gender text,
    old_role text,
    old_municipality_code text,
    CHECK (kind <> 'attendance' OR (person_id IS NOT NULL AND event_id IS NOT NULL AND attempt_id IS NULL)),
    CHECK (kind <> 'completion' OR (person_id IS NOT NULL AND attempt_id IS NOT NULL AND event_id IS NULL)),
    CHECK (kind <> 'event' OR (event_id IS NOT NULL AND person_id IS NULL AND attempt_id IS NULL)),
    CHECK (kind <> 'organisation' OR (event_id IS NULL AND person_id IS NULL AND attempt_id IS NULL)),
    CHECK (kind <> 'profile' OR (person_id IS NOT NULL AND event_id IS NULL AND attempt_id IS NULL))
  )`);
  await knex.raw(`CREATE INDEX report_change_log_version ON report_change_log (version)`);

  // Any write of unknown effect: every cached answer is recounted, so no log row is needed any
  // more (every writer appends its rows only after taking the version row lock held here).
  await knex.raw(`CREATE OR REPLACE FUNCTION report_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1;
      DELETE FROM report_change_log;
      RETURN NULL;
    END
  $$`);

  // Attendance: inserts are logged deltas; updates, deletes and truncation invalidate.
  await knex.raw(`DROP TRIGGER attendance_report_data ON attendance`);
  await knex.raw(`CREATE FUNCTION report_attendance_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind, person_id, event_id)
        SELECT bumped, 'attendance', person_id, event_id FROM inserted;
      RETURN NULL;
    END
  $$`);
  await knex.raw(`CREATE TRIGGER attendance_report_data_insert AFTER INSERT ON attendance
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_attendance_inserted()`);
  await knex.raw(`CREATE TRIGGER attendance_report_data AFTER UPDATE OR DELETE OR TRUNCATE ON attendance
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);

  // Events: a new event has no attendance yet, so it moves only the event measures of the targets,
  // which a refresh counts again anyway; a logged delta. Updates, deletes and truncation invalidate.
  await knex.raw(`DROP TRIGGER events_report_data ON events`);
  await knex.raw(`CREATE FUNCTION report_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind, event_id) SELECT bumped, 'event', id FROM inserted;
      RETURN NULL;
    END
  $$`);
  await knex.raw(`CREATE TRIGGER events_report_data_insert AFTER INSERT ON events
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_events_inserted()`);
  await knex.raw(`CREATE TRIGGER events_report_data AFTER UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);

  // Organisations: a new one has no people yet (a check-in of its first person creates it), so it
  // moves no count; a logged delta. Updates (a name is a group key), deletes and truncation invalidate.
  await knex.raw(`DROP TRIGGER organisations_report_data ON organisations`);
  await knex.raw(`CREATE FUNCTION report_organisations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted) THEN RETURN NULL; END IF;
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind) VALUES (bumped, 'organisation');
      RETURN NULL;
    END
  $$`);
  await knex.raw(`CREATE TRIGGER organisations_report_data_insert AFTER INSERT ON organisations
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_organisations_inserted()`);
  await knex.raw(`CREATE TRIGGER organisations_report_data AFTER UPDATE OR DELETE OR TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);

  // Attempts: created completed, or becoming completed, is a logged delta; created not completed
  // changes no count; anything else that the 009 trigger watched invalidates.
  await knex.raw(`DROP TRIGGER attempts_report_data ON attempts`);
  await knex.raw(`CREATE FUNCTION report_attempts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bumped bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM inserted WHERE completion_status = 'completed') THEN RETURN NULL; END IF;
      UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
      INSERT INTO report_change_log (version, kind, person_id, attempt_id)
        SELECT bumped, 'completion', person_id, id FROM inserted WHERE completion_status = 'completed';
      RETURN NULL;
    END
  $$`);
  await knex.raw(`CREATE TRIGGER attempts_report_data_insert AFTER INSERT ON attempts
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_attempts_inserted()`);
  await knex.raw(`CREATE TRIGGER attempts_report_data AFTER DELETE OR TRUNCATE ON attempts
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE FUNCTION report_attempt_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bumped bigint;
    BEGIN
      IF OLD.person_id IS DISTINCT FROM NEW.person_id
         OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
         OR OLD.course_version_id IS DISTINCT FROM NEW.course_version_id
         OR OLD.completion_status IS NOT DISTINCT FROM 'completed' THEN
        UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1;
        DELETE FROM report_change_log;
      ELSIF NEW.completion_status IS NOT DISTINCT FROM 'completed' THEN
        UPDATE report_data_version SET version = version + 1 RETURNING version INTO bumped;
        INSERT INTO report_change_log (version, kind, person_id, attempt_id)
          VALUES (bumped, 'completion', NEW.person_id, NEW.id);
      END IF;
      -- Neither before nor after completed (only completed_at moved): no count reads it.
      RETURN NULL;
    END
  $$`);
  await knex.raw(`DROP TRIGGER attempts_report_data_update ON attempts`);
  await knex.raw(`CREATE TRIGGER attempts_report_data_update AFTER UPDATE ON attempts FOR EACH ROW
    WHEN (OLD.completion_status IS DISTINCT FROM NEW.completion_status
       OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
       OR OLD.person_id IS DISTINCT FROM NEW.person_id
       OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
       OR OLD.course_version_id IS DISTINCT FROM NEW.course_version_id)
    EXECUTE FUNCTION report_attempt_updated()`);

  // Profiles: only the counted columns matter (not the consent time a check-in refreshes). A
  // changed gender, role or municipality is logged with the old values: a refresh takes the
  // person's contribution at the old values away and adds it at the new ones. A new profile
  // matters only for a person already counted somewhere, and is logged with all old values unset
  // (no profile counts as all unset, as in a recount); that check runs after taking the version
  // row lock, so an attendance committed meanwhile is seen, or waits. A deleted profile (erasure)
  // invalidates instead, which empties the log: it keeps no trace of someone erased
  // (docs/privacy.md).
  await knex.raw(`DROP TRIGGER person_profiles_report_data ON person_profiles`);
  await knex.raw(
    `CREATE FUNCTION report_profiles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$${PROFILES_INSERTED}$$`,
  );
  await knex.raw(`CREATE TRIGGER person_profiles_report_data_insert AFTER INSERT ON person_profiles
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_profiles_inserted()`);
  await knex.raw(`CREATE TRIGGER person_profiles_report_data AFTER TRUNCATE ON person_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(
    `CREATE FUNCTION report_profile_updated() RETURNS trigger LANGUAGE plpgsql AS $$${PROFILE_UPDATED}$$`,
  );
  await knex.raw(`CREATE FUNCTION report_profile_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE report_data_version SET version = version + 1, invalidated_at = version + 1;
      DELETE FROM report_change_log;
      RETURN NULL;
    END
  $$`);
  await knex.raw(`CREATE TRIGGER person_profiles_report_data_delete AFTER DELETE ON person_profiles FOR EACH ROW
    EXECUTE FUNCTION report_profile_deleted()`);
  await knex.raw(`CREATE TRIGGER person_profiles_report_data_update AFTER UPDATE ON person_profiles FOR EACH ROW
    WHEN (OLD.person_id IS NOT DISTINCT FROM NEW.person_id
      AND (OLD.gender IS DISTINCT FROM NEW.gender
       OR OLD.role IS DISTINCT FROM NEW.role
       OR OLD.municipality_code IS DISTINCT FROM NEW.municipality_code))
    EXECUTE FUNCTION report_profile_updated()`);
  await knex.raw(`CREATE TRIGGER person_profiles_report_data_moved AFTER UPDATE ON person_profiles FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id)
    EXECUTE FUNCTION report_data_changed()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TRIGGER IF EXISTS person_profiles_report_data_moved ON person_profiles`);
  await knex.raw(`DROP TRIGGER IF EXISTS person_profiles_report_data_delete ON person_profiles`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_profile_deleted()`);
  await knex.raw(`DROP TRIGGER IF EXISTS person_profiles_report_data_update ON person_profiles`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_profile_updated()`);
  await knex.raw(`DROP TRIGGER IF EXISTS person_profiles_report_data ON person_profiles`);
  await knex.raw(`DROP TRIGGER IF EXISTS person_profiles_report_data_insert ON person_profiles`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_profiles_inserted()`);
  await knex.raw(`DROP TRIGGER IF EXISTS attempts_report_data_update ON attempts`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_attempt_updated()`);
  await knex.raw(`DROP TRIGGER IF EXISTS attempts_report_data ON attempts`);
  await knex.raw(`DROP TRIGGER IF EXISTS attempts_report_data_insert ON attempts`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_attempts_inserted()`);
  await knex.raw(`DROP TRIGGER IF EXISTS organisations_report_data ON organisations`);
  await knex.raw(`DROP TRIGGER IF EXISTS organisations_report_data_insert ON organisations`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_organisations_inserted()`);
  await knex.raw(`DROP TRIGGER IF EXISTS events_report_data ON events`);
  await knex.raw(`DROP TRIGGER IF EXISTS events_report_data_insert ON events`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_events_inserted()`);
  await knex.raw(`DROP TRIGGER IF EXISTS attendance_report_data ON attendance`);
  await knex.raw(`DROP TRIGGER IF EXISTS attendance_report_data_insert ON attendance`);
  await knex.raw(`DROP FUNCTION IF EXISTS report_attendance_inserted()`);
  await knex.raw(`CREATE OR REPLACE FUNCTION report_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE report_data_version SET version = version + 1;
      RETURN NULL;
    END
  $$`);
  // The 009 triggers, as they were.
  for (const table of ['attendance', 'events', 'organisations', 'person_profiles'])
    await knex.raw(`CREATE TRIGGER ${table}_report_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE TRIGGER attempts_report_data AFTER INSERT OR DELETE OR TRUNCATE ON attempts
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()`);
  await knex.raw(`CREATE TRIGGER attempts_report_data_update AFTER UPDATE ON attempts FOR EACH ROW
    WHEN (OLD.completion_status IS DISTINCT FROM NEW.completion_status
       OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
       OR OLD.person_id IS DISTINCT FROM NEW.person_id
       OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
       OR OLD.course_version_id IS DISTINCT FROM NEW.course_version_id)
    EXECUTE FUNCTION report_data_changed()`);
  await knex.schema.dropTableIfExists('report_change_log');
  await knex.raw(`ALTER TABLE report_data_version DROP COLUMN invalidated_at`);
}
