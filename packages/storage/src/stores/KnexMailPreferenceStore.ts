import type { MailPreferenceStore, ReminderCandidate } from '@kompetenta/core';
import { date, guarded, isUuid, str, strOrNull, type Db, type Row } from './sql';

export class KnexMailPreferenceStore implements MailPreferenceStore {
  constructor(private readonly db: Db) {}

  async optOut(personId: string, at: Date): Promise<void> {
    await guarded('The opt-out', () =>
      this.db('mail_opt_outs')
        .insert({ person_id: personId, opted_out_at: at })
        .onConflict('person_id')
        .ignore(),
    );
  }

  async isOptedOut(personId: string): Promise<boolean> {
    if (!isUuid(personId)) return false;
    return (await this.db('mail_opt_outs').where({ person_id: personId }).first()) !== undefined;
  }

  async reminderCandidates(startedBefore: Date, limit: number): Promise<ReminderCandidate[]> {
    const rows: Row[] = await this.db<Row>('attempts as a')
      .join('people as p', 'p.id', 'a.person_id')
      .join('organisations as o', 'o.id', 'a.organisation_id')
      .join('course_versions as v', 'v.id', 'a.course_version_id')
      .join('courses as c', 'c.slug', 'v.course_slug')
      .leftJoin('mail_opt_outs as m', 'm.person_id', 'p.id')
      .where('a.started_at', '<', startedBefore)
      .whereNot('a.completion_status', 'completed')
      .whereNull('p.lti_subject')
      .whereNotNull('p.email')
      .whereNull('p.erased_at')
      .whereNull('m.person_id')
      .orderBy([{ column: 'a.started_at' }, { column: 'a.id' }])
      .limit(limit)
      .select(
        'a.id as attempt_id',
        'a.organisation_id',
        'o.name as organisation_name',
        'p.id as person_id',
        'p.email',
        'p.name',
        'c.slug as course_slug',
        'c.title as course_title',
        'a.started_at',
      );
    return rows.map((row) => ({
      attemptId: str(row.attempt_id),
      organisationId: str(row.organisation_id),
      organisationName: str(row.organisation_name),
      personId: str(row.person_id),
      email: str(row.email),
      name: strOrNull(row.name),
      courseSlug: str(row.course_slug),
      courseTitle: str(row.course_title),
      startedAt: date(row.started_at),
    }));
  }
}
