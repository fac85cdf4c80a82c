import type { Knex } from 'knex';

/**
 * Ordered delivery within a group: `ordering_key` names the group (a grade's attempt), and the
 * claim never hands out a message while an older pending one of the same group exists, so an LMS
 * receives an attempt's scores in the order they were written.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.text('ordering_key').nullable();
  });
  // The claim's "is an older message of this group still pending?" probe reads only this index.
  await knex.raw(
    `CREATE INDEX outbox_ordering_pending ON outbox (ordering_key, id)
     WHERE status = 'pending' AND ordering_key IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_ordering_pending');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('ordering_key');
  });
}
