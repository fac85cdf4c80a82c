import type { Person, PersonInput, PersonStore } from '@kompetenta/core';
import { date, dateOrNull, guarded, isUuid, notFound, str, strOrNull, type Db, type Row } from './sql';

export function toPerson(row: Row): Person {
  return {
    id: str(row.id),
    organisationId: str(row.organisation_id),
    ltiIssuer: strOrNull(row.lti_issuer),
    ltiSubject: strOrNull(row.lti_subject),
    email: strOrNull(row.email),
    name: strOrNull(row.name),
    roles: Array.isArray(row.roles) ? row.roles.map(String) : [],
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    erasedAt: dateOrNull(row.erased_at),
  };
}

export class KnexPersonStore implements PersonStore {
  constructor(private readonly db: Db) {}

  async upsertByLti(input: PersonInput & { ltiIssuer: string; ltiSubject: string }): Promise<Person> {
    // ON CONFLICT on the partial unique index makes concurrent first launches of one person safe.
    const row = await guarded('The person', async () => {
      const result: { rows: Row[] } = await this.db.raw(
        `INSERT INTO people (organisation_id, lti_issuer, lti_subject, email, name, roles)
         VALUES (?, ?, ?, ?, ?, ?::jsonb)
         ON CONFLICT (organisation_id, lti_issuer, lti_subject) WHERE lti_subject IS NOT NULL
         DO UPDATE SET email = COALESCE(EXCLUDED.email, people.email), name = COALESCE(EXCLUDED.name, people.name),
           roles = EXCLUDED.roles, updated_at = now()
         RETURNING *`,
        [
          input.organisationId,
          input.ltiIssuer,
          input.ltiSubject,
          input.email ?? null,
          input.name ?? null,
          JSON.stringify(input.roles ?? []),
        ],
      );
      return result.rows[0]!;
    });
    return toPerson(row);
  }

  async upsertByEmail(input: PersonInput & { email: string }): Promise<Person> {
    const rolesGiven = input.roles !== undefined;
    const row = await guarded('The person', async () => {
      const result: { rows: Row[] } = await this.db.raw(
        `INSERT INTO people (organisation_id, email, name, roles)
         VALUES (?, ?, ?, ?::jsonb)
         ON CONFLICT (organisation_id, lower(email)) WHERE email IS NOT NULL AND lti_subject IS NULL
         DO UPDATE SET name = COALESCE(EXCLUDED.name, people.name),
           roles = CASE WHEN ? THEN EXCLUDED.roles ELSE people.roles END, updated_at = now()
         RETURNING *`,
        [
          input.organisationId,
          input.email.trim(),
          input.name ?? null,
          JSON.stringify(input.roles ?? []),
          rolesGiven,
        ],
      );
      return result.rows[0]!;
    });
    return toPerson(row);
  }

  async get(organisationId: string, id: string): Promise<Person> {
    const row =
      isUuid(id) && isUuid(organisationId)
        ? ((await this.db('people').where({ id, organisation_id: organisationId }).first()) as
            Row | undefined)
        : undefined;
    if (!row) throw notFound('Person', id);
    return toPerson(row);
  }

  async list(organisationId: string): Promise<Person[]> {
    if (!isUuid(organisationId)) return [];
    return (
      (await this.db('people').where({ organisation_id: organisationId }).orderBy('created_at')) as Row[]
    ).map(toPerson);
  }
}
