import type { Knex } from 'knex';

/** Indexes the report queries walk: completions by date, events by type and date. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX attempts_completed ON attempts (completed_at, organisation_id) WHERE completion_status = 'completed'`,
  );
  await knex.raw(`CREATE INDEX events_type_starts ON events (type, starts_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS events_type_starts`);
  await knex.raw(`DROP INDEX IF EXISTS attempts_completed`);
}
