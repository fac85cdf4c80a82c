import type { Knex } from 'knex';

/**
 * Deep Linking picker sessions: the token in the picker form, bound to the verified launch it was
 * issued for, and what the response needs (return URL, echoed data). Deleted when used.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti_deep_link_sessions', (t) => {
    t.text('token').primary();
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.text('issuer').notNullable();
    t.text('client_id').notNullable();
    t.text('deployment_id').notNullable();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('return_url').notNullable();
    t.text('data').nullable();
    t.boolean('accept_multiple').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('lti_deep_link_sessions');
}
