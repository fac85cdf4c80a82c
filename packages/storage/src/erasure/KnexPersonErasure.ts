import {
  AppError,
  type ErasureCandidate,
  type ErasureReason,
  type ErasureResult,
  type PersonErasure,
} from '@kompetenta/core';
import { date, dateOrNull, isUuid, num, str, strOrNull, type Db, type Row } from '../stores/sql';

/** Tables whose rows about a person are deleted outright (they exist only for that person). */
const PERSON_TABLES = [
  'web_sessions',
  'sign_in_links',
  'person_access',
  'invitations',
  'mail_opt_outs',
  'person_profiles',
];

/** SCORM elements that name the learner or hold what they wrote (1.2 and 2004 names). */
const PERSONAL_CMI = [
  'cmi.core.student_id',
  'cmi.core.student_name',
  'cmi.learner_id',
  'cmi.learner_name',
  'cmi.suspend_data',
  'cmi.student_preference.audio',
  'cmi.learner_preference.audio_level',
];

/** The latest sign of activity per person, as SQL (people.updated_at moves on every launch and edit). */
const LAST_ACTIVITY = `GREATEST(
  p.updated_at,
  COALESCE((SELECT max(a.last_activity_at) FROM attempts a WHERE a.person_id = p.id), p.updated_at),
  COALESCE((SELECT max(d.recorded_at) FROM attendance d WHERE d.person_id = p.id), p.updated_at),
  COALESCE((SELECT max(s.last_seen_at) FROM web_sessions s WHERE s.person_id = p.id), p.updated_at)
)`;

/**
 * The {@link PersonErasure} port on a knex handle (`database.knex`): privacy erasure of one person
 * and the list of people inactive since a retention cutoff. What an erasure removes and what it
 * keeps is described on the port.
 */
export class KnexPersonErasure implements PersonErasure {
  constructor(private readonly db: Db) {}

  async describe(personId: string): Promise<ErasureCandidate | null> {
    if (!isUuid(personId)) return null;
    const row: Row | undefined = await this.db('people as p')
      .join('organisations as o', 'o.id', 'p.organisation_id')
      .where('p.id', personId)
      .first(
        'p.id',
        'p.organisation_id',
        'o.name as organisation_name',
        'p.name',
        'p.email',
        'p.erased_at',
        this.db.raw('(SELECT count(*) FROM attempts a WHERE a.person_id = p.id) AS attempts'),
        this.db.raw('(SELECT count(*) FROM attendance d WHERE d.person_id = p.id) AS attendances'),
      );
    if (!row) return null;
    return {
      personId: str(row.id),
      organisationId: str(row.organisation_id),
      organisationName: str(row.organisation_name),
      name: strOrNull(row.name),
      email: strOrNull(row.email),
      erasedAt: dateOrNull(row.erased_at),
      attempts: num(row.attempts),
      attendances: num(row.attendances),
    };
  }

  async erase(
    personId: string,
    by: { readonly actor: string; readonly reason: ErasureReason },
    now: Date,
  ): Promise<ErasureResult> {
    return this.db.transaction(async (trx) => {
      const person = isUuid(personId)
        ? ((await trx('people').where({ id: personId }).forUpdate().first()) as Row | undefined)
        : undefined;
      if (!person) throw new AppError('STORE_RECORD_NOT_FOUND', `There is no person ${personId}.`);
      const organisationId = str(person.organisation_id);
      if (person.erased_at) {
        return { personId, organisationId, erasedAt: date(person.erased_at), alreadyErased: true };
      }
      // Queued and sent e-mails name the person; their JSON carries the address or id as a string value.
      const identifiers = [strOrNull(person.email), personId].filter((value): value is string => !!value);
      for (const value of identifiers) {
        await trx('outbox')
          .whereRaw('lower(payload::text) LIKE ?', [
            `%${JSON.stringify(value.toLowerCase()).replace(/[\\%_]/g, '\\$&')}%`,
          ])
          .delete();
      }
      for (const table of PERSON_TABLES) await trx(table).where({ person_id: personId }).delete();
      // SCORM data can hold the learner's name and id, free-text answers, comments and the SCO's own
      // suspend data; objectives, statuses and scores (which the lesson reports read) stay.
      await trx.raw(
        `UPDATE attempts SET cmi = COALESCE((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(attempts.cmi) e
           WHERE e.key NOT LIKE 'cmi.interactions.%' AND e.key NOT LIKE 'cmi.comments%'
             AND e.key NOT IN (${PERSONAL_CMI.map(() => '?').join(', ')})), '{}'::jsonb)
         WHERE person_id = ?`,
        [...PERSONAL_CMI, personId],
      );
      await trx('people')
        .where({ id: personId })
        .update({
          name: null,
          email: null,
          lti_issuer: null,
          lti_subject: null,
          roles: trx.raw(`'[]'::jsonb`),
          erased_at: now,
          updated_at: now,
        });
      await trx('audit_log').insert({
        at: now,
        actor: by.actor,
        action: 'person.erase',
        subject: personId,
        organisation_id: organisationId,
        details: JSON.stringify({ reason: by.reason }),
      });
      return { personId, organisationId, erasedAt: now, alreadyErased: false };
    });
  }

  async listInactiveSince(cutoff: Date, limit = 1000): Promise<string[]> {
    const result: { rows: Row[] } = await this.db.raw(
      `SELECT p.id FROM people p WHERE p.erased_at IS NULL AND ${LAST_ACTIVITY} < ?
       ORDER BY ${LAST_ACTIVITY} LIMIT ?`,
      [cutoff, limit],
    );
    return result.rows.map((row) => str(row.id));
  }
}
