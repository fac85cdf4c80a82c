import type { Knex } from 'knex';

/**
 * API tokens of the export endpoints (only the SHA-256 of each secret is kept), and the indexes
 * the dashboard and the per-participant export walk on large data: attendance by event, attempts
 * by person and start, people by organisation.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    // Null: a programme-wide token (programme staff). Otherwise it sees this organisation only.
    t.uuid('organisation_id').nullable().references('organisations.id');
    t.text('created_by').notNullable();
    t.text('secret_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
  });
  await knex.raw(
    `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_secret_hash_check CHECK (secret_hash ~ '^[0-9a-f]{64}$')`,
  );
  await knex.raw(`CREATE INDEX attempts_person_started ON attempts (person_id, started_at)`);
  await knex.raw(`CREATE INDEX people_organisation ON people (organisation_id, id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS people_organisation`);
  await knex.raw(`DROP INDEX IF EXISTS attempts_person_started`);
  await knex.schema.dropTableIfExists('api_tokens');
}
