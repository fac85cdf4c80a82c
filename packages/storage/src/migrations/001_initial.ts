import type { Knex } from 'knex';
import {
  ATTENDANCE_SOURCES,
  EVENT_TYPES,
  GENDERS,
  ORGANISATION_KINDS,
  PARTICIPANT_ROLES,
} from '@kompetenta/core';

/** `CHECK (column IN (...))` from a core vocabulary, so the database and the code agree. */
function oneOf(column: string, values: readonly string[], nullable = false): string {
  const list = values.map((value) => `'${value}'`).join(', ');
  return nullable ? `${column} IS NULL OR ${column} IN (${list})` : `${column} IN (${list})`;
}

/**
 * The whole schema of the foundation. Tenancy: (issuer, client_id, deployment_id) → organisation;
 * everything personal carries organisation_id. Attempts keep their CMI as jsonb plus the derived
 * fields reports need and a commit sequence number for idempotent commits.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('kind')
      .notNullable()
      .defaultTo('ovrig')
      .checkIn([...ORGANISATION_KINDS]);
    t.string('municipality_code', 4).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('platforms', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('issuer').notNullable();
    t.text('client_id').notNullable();
    t.text('name').notNullable();
    t.text('auth_url').notNullable();
    t.text('token_url').notNullable();
    t.text('jwks_url').notNullable();
    t.text('status').notNullable().checkIn(['pending', 'approved']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['issuer', 'client_id']);
  });

  await knex.schema.createTable('deployments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.text('deployment_id').notNullable();
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['platform_id', 'deployment_id']);
  });

  await knex.schema.createTable('people', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.text('lti_issuer').nullable();
    t.text('lti_subject').nullable();
    t.text('email').nullable();
    t.text('name').nullable();
    t.jsonb('roles').notNullable().defaultTo('[]');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('erased_at', { useTz: true }).nullable();
  });
  await knex.raw(
    `CREATE UNIQUE INDEX people_lti_identity ON people (organisation_id, lti_issuer, lti_subject) WHERE lti_subject IS NOT NULL`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX people_email_identity ON people (organisation_id, lower(email)) WHERE email IS NOT NULL AND lti_subject IS NULL`,
  );

  await knex.schema.createTable('person_profiles', (t) => {
    t.uuid('person_id').primary().references('people.id').onDelete('CASCADE');
    t.text('role').nullable();
    t.text('gender').nullable();
    t.string('municipality_code', 4).nullable();
    t.timestamp('consent_at', { useTz: true }).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE person_profiles ADD CONSTRAINT person_profiles_role_check CHECK (${oneOf('role', PARTICIPANT_ROLES, true)})`,
  );
  await knex.raw(
    `ALTER TABLE person_profiles ADD CONSTRAINT person_profiles_gender_check CHECK (${oneOf('gender', GENDERS, true)})`,
  );

  await knex.schema.createTable('courses', (t) => {
    t.text('slug').primary();
    t.text('title').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('course_versions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('course_slug').notNullable().references('courses.slug');
    t.text('version').notNullable();
    t.integer('tracking_major').notNullable();
    t.text('content_hash').notNullable();
    t.jsonb('outline').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['course_slug', 'version']);
  });

  await knex.schema.createTable('attempts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.uuid('person_id').notNullable().references('people.id');
    t.uuid('course_version_id').notNullable().references('course_versions.id');
    t.text('resource_link_id').nullable();
    t.text('scorm_version').notNullable().checkIn(['1.2', '2004']);
    t.jsonb('cmi').notNullable().defaultTo('{}');
    t.bigInteger('commit_seq').notNullable().defaultTo(0);
    t.text('completion_status')
      .notNullable()
      .defaultTo('not_attempted')
      .checkIn(['not_attempted', 'incomplete', 'completed', 'unknown']);
    t.text('success_status').notNullable().defaultTo('unknown').checkIn(['passed', 'failed', 'unknown']);
    t.decimal('score_scaled', 6, 5).nullable().checkBetween([-1, 1]);
    t.integer('total_time_seconds').notNullable().defaultTo(0);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_activity_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.index(['organisation_id', 'person_id']);
    t.index(['organisation_id', 'course_version_id']);
  });

  await knex.raw(
    `ALTER TABLE attempts ADD CONSTRAINT attempts_total_time_check CHECK (total_time_seconds >= 0)`,
  );

  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('type')
      .notNullable()
      .checkIn([...EVENT_TYPES]);
    t.text('title').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.decimal('hours', 5, 2).notNullable();
    t.text('place').nullable();
    t.string('municipality_code', 4).nullable();
    t.text('organiser').nullable();
    t.uuid('parent_event_id').nullable().references('events.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['starts_at']);
  });
  await knex.raw(`ALTER TABLE events ADD CONSTRAINT events_hours_check CHECK (hours > 0 AND hours <= 100)`);

  await knex.schema.createTable('attendance', (t) => {
    t.uuid('event_id').notNullable().references('events.id');
    t.uuid('person_id').notNullable().references('people.id');
    t.text('source')
      .notNullable()
      .checkIn([...ATTENDANCE_SOURCES]);
    t.decimal('hours', 5, 2).nullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['event_id', 'person_id']);
    t.index(['person_id']);
  });

  // Append-only: no foreign keys, so the log outlives what it speaks of.
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor').notNullable();
    t.text('action').notNullable();
    t.text('subject').nullable();
    t.uuid('organisation_id').nullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['action', 'at']);
  });

  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id').primary();
    t.text('topic').notNullable().checkIn(['grade', 'mail']);
    t.text('idempotency_key').notNullable().unique();
    t.uuid('organisation_id').nullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'sent', 'failed']);
    t.integer('tries').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('locked_by').nullable();
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.text('last_error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true }).nullable();
  });
  // The worker's claim query walks only due, pending rows.
  await knex.raw(`CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'outbox',
    'audit_log',
    'attendance',
    'events',
    'attempts',
    'course_versions',
    'courses',
    'person_profiles',
    'people',
    'deployments',
    'platforms',
    'organisations',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
