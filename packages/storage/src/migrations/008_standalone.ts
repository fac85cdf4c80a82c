import { SIGN_IN_PURPOSES, WEB_ACCESS_LEVELS } from '@kompetenta/core';
import type { Knex } from 'knex';

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');
const granted = WEB_ACCESS_LEVELS.filter((level) => level !== 'learner');

/**
 * Standalone learners (no LMS): browser sessions and single-use sign-in links (only SHA-256
 * hashes of their secrets are kept), access above learner (organisation admins, programme staff,
 * who are people of the one programme organisation), invitations, mail opt-outs, and fixed-window
 * rate-limit counters that every app instance shares.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.boolean('programme').notNullable().defaultTo(false);
  });
  await knex.raw(
    `CREATE UNIQUE INDEX organisations_one_programme ON organisations (programme) WHERE programme`,
  );

  await knex.schema.createTable('web_sessions', (t) => {
    t.text('id_hash').primary();
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.text('access').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.index(['person_id']);
    t.index(['expires_at']);
  });
  await knex.raw(
    `ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_access_check CHECK (access IN (${list(WEB_ACCESS_LEVELS)}))`,
  );
  await knex.raw(
    `ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_id_hash_check CHECK (id_hash ~ '^[0-9a-f]{64}$')`,
  );

  await knex.schema.createTable('sign_in_links', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('token_hash').notNullable().unique();
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.text('purpose').notNullable();
    t.text('access').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true }).nullable();
    t.index(['expires_at']);
  });
  await knex.raw(
    `ALTER TABLE sign_in_links ADD CONSTRAINT sign_in_links_purpose_check CHECK (purpose IN (${list(SIGN_IN_PURPOSES)}))`,
  );
  await knex.raw(
    `ALTER TABLE sign_in_links ADD CONSTRAINT sign_in_links_access_check CHECK (access IN (${list(WEB_ACCESS_LEVELS)}))`,
  );
  await knex.raw(
    `ALTER TABLE sign_in_links ADD CONSTRAINT sign_in_links_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')`,
  );

  await knex.schema.createTable('person_access', (t) => {
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('access').notNullable();
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['person_id', 'access']);
  });
  await knex.raw(
    `ALTER TABLE person_access ADD CONSTRAINT person_access_access_check CHECK (access IN (${list(granted)}))`,
  );

  await knex.schema.createTable('invitations', (t) => {
    t.uuid('person_id').primary().references('people.id').onDelete('CASCADE');
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.uuid('invited_by').nullable().references('people.id').onDelete('SET NULL');
    t.timestamp('invited_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'invited_at']);
  });

  await knex.schema.createTable('mail_opt_outs', (t) => {
    t.uuid('person_id').primary().references('people.id').onDelete('CASCADE');
    t.timestamp('opted_out_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('rate_limit_hits', (t) => {
    t.text('bucket').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('hits').notNullable();
    t.primary(['bucket', 'window_start']);
    t.index(['window_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'rate_limit_hits',
    'mail_opt_outs',
    'invitations',
    'person_access',
    'sign_in_links',
    'web_sessions',
  ])
    await knex.schema.dropTableIfExists(table);
  await knex.raw(`DROP INDEX IF EXISTS organisations_one_programme`);
  await knex.schema.alterTable('organisations', (t) => {
    t.dropColumn('programme');
  });
}
