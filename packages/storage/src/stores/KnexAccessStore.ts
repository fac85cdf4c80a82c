import type { AccessStore, GrantedAccess, Organisation, Person, WebAccess } from '@kompetenta/core';
import { toOrganisation } from './KnexOrganisationStore';
import { toPerson } from './KnexPersonStore';
import { guarded, isUuid, str, type Db, type Row } from './sql';

/** The name the programme organisation is created with (staff can rename it in the database). */
const PROGRAMME_NAME = 'Programmets kansli';

export class KnexAccessStore implements AccessStore {
  constructor(private readonly db: Db) {}

  async programmeOrganisation(): Promise<Organisation> {
    // The partial unique index allows one programme row; ON CONFLICT makes concurrent first uses safe.
    await this.db.raw(
      `INSERT INTO organisations (name, kind, programme) VALUES (?, 'ovrig', true)
       ON CONFLICT (programme) WHERE programme DO NOTHING`,
      [PROGRAMME_NAME],
    );
    const row = (await this.db('organisations').where({ programme: true }).first()) as Row;
    return toOrganisation(row);
  }

  async grant(personId: string, access: GrantedAccess): Promise<void> {
    await guarded('The access grant', () =>
      this.db('person_access')
        .insert({ person_id: personId, access })
        .onConflict(['person_id', 'access'])
        .ignore(),
    );
  }

  async accessOf(personId: string): Promise<WebAccess> {
    if (!isUuid(personId)) return 'learner';
    const rows: Row[] = await this.db('person_access').where({ person_id: personId }).select('access');
    const levels = rows.map((row) => str(row.access));
    if (levels.includes('programme_staff')) return 'programme_staff';
    if (levels.includes('org_admin')) return 'org_admin';
    return 'learner';
  }

  async listGranted(organisationId: string, access: GrantedAccess): Promise<Person[]> {
    if (!isUuid(organisationId)) return [];
    const rows: Row[] = await this.db('people as p')
      .join('person_access as a', 'a.person_id', 'p.id')
      .where({ 'p.organisation_id': organisationId, 'a.access': access })
      .orderBy([{ column: 'p.name' }, { column: 'p.id' }])
      .select('p.*');
    return rows.map(toPerson);
  }

  async findPeopleByEmail(email: string): Promise<Person[]> {
    const rows: Row[] = await this.db<Row>('people')
      .whereRaw('lower(email) = lower(?)', [email.trim()])
      .whereNull('lti_subject')
      .whereNull('erased_at')
      .orderBy('created_at')
      .select('*');
    return rows.map(toPerson);
  }
}
