import type { Knex } from 'knex';

/**
 * LTI resource links: what each launch of a link told us, kept so that work done days later (a
 * grade sent to the AGS line item, the Names and Roles roster for staff) never depends on the
 * launch still being fresh. One row per (platform, deployment, resource_link_id), upserted on
 * every launch. Attempts point at the link they were last launched from: their grade target.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti_resource_links', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.text('deployment_id').notNullable();
    t.text('resource_link_id').notNullable();
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.text('context_id').nullable();
    t.text('context_title').nullable();
    t.text('title').nullable();
    // Chosen by a teacher for a link without the `course` custom parameter.
    t.text('course_slug').nullable();
    t.text('ags_line_item_url').nullable();
    t.text('ags_line_items_url').nullable();
    t.jsonb('ags_scopes').notNullable().defaultTo('[]');
    t.text('nrps_memberships_url').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['platform_id', 'deployment_id', 'resource_link_id']);
    t.index(['organisation_id']);
  });
  await knex.schema.alterTable('attempts', (t) => {
    // SET NULL: removing a platform registration keeps the learners' attempts (TenantStore contract).
    t.uuid('lti_resource_link_id').nullable().references('lti_resource_links.id').onDelete('SET NULL');
    t.index(['lti_resource_link_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('attempts', (t) => {
    t.dropColumn('lti_resource_link_id');
  });
  await knex.schema.dropTableIfExists('lti_resource_links');
}
