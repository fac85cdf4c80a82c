import type { Knex } from 'knex';

/**
 * LTI 1.3 state that must survive between requests and across app instances: login states
 * (state + nonce + browser binding, single use, short-lived), the tool's own signing key (private
 * half encrypted), and the documents ltijs keeps through our database plugin (no MongoDB).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti_login_states', (t) => {
    t.text('state').primary();
    t.text('nonce').notNullable();
    t.text('browser_binding_hash').notNullable();
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.text('issuer').notNullable();
    t.text('client_id').notNullable();
    t.text('deployment_id').nullable();
    t.text('target_link_uri').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });

  // One row: the slot check keeps a second "current" key from ever existing, whichever process
  // generates it first wins (insert ... on conflict do nothing).
  await knex.schema.createTable('lti_tool_keys', (t) => {
    t.text('slot').primary().defaultTo('current').checkIn(['current']);
    t.text('kid').notNullable().unique();
    t.jsonb('public_jwk').notNullable();
    t.text('private_jwk_sealed').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // ltijs's collections (platform, privatekey, publickey, accesstoken, nonce, state, idtoken,
  // contexttoken, platformStatus) as documents: ltijs queries by equality on a few fields, which
  // jsonb containment (@>) answers with the GIN index.
  await knex.schema.createTable('ltijs_documents', (t) => {
    t.bigIncrements('id').primary();
    t.text('collection').notNullable();
    t.jsonb('doc').notNullable();
    t.text('sealed').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.index(['collection']);
    t.index(['expires_at']);
  });
  await knex.raw('CREATE INDEX ltijs_documents_doc ON ltijs_documents USING gin (doc jsonb_path_ops)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['ltijs_documents', 'lti_tool_keys', 'lti_login_states']) {
    await knex.schema.dropTableIfExists(table);
  }
}
