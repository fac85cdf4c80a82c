import type {
  Gender,
  ParticipantRole,
  PersonProfile,
  PersonProfileInput,
  PersonProfileStore,
} from '@kompetenta/core';
import { date, dateOrNull, guarded, isUuid, notFound, str, strOrNull, type Db, type Row } from './sql';

function toProfile(row: Row): PersonProfile {
  return {
    personId: str(row.person_id),
    role: strOrNull(row.role) as ParticipantRole | null,
    gender: strOrNull(row.gender) as Gender | null,
    municipalityCode: strOrNull(row.municipality_code),
    consentAt: dateOrNull(row.consent_at),
    updatedAt: date(row.updated_at),
  };
}

export class KnexPersonProfileStore implements PersonProfileStore {
  constructor(private readonly db: Db) {}

  async get(personId: string): Promise<PersonProfile | null> {
    if (!isUuid(personId)) return null;
    const row = (await this.db('person_profiles').where({ person_id: personId }).first()) as Row | undefined;
    return row ? toProfile(row) : null;
  }

  async set(personId: string, input: PersonProfileInput): Promise<PersonProfile> {
    const person = isUuid(personId)
      ? await this.db('people').where({ id: personId }).first<Row | undefined>('id')
      : undefined;
    if (!person) throw notFound('Person', personId);
    const fields: Record<string, unknown> = {};
    if (input.role !== undefined) fields.role = input.role;
    if (input.gender !== undefined) fields.gender = input.gender;
    if (input.municipalityCode !== undefined) fields.municipality_code = input.municipalityCode;
    if (input.consentAt !== undefined) fields.consent_at = input.consentAt;
    const [row] = (await guarded('The person profile', () =>
      this.db('person_profiles')
        .insert({ person_id: personId, ...fields })
        .onConflict('person_id')
        .merge({ ...fields, updated_at: this.db.fn.now() })
        .returning('*'),
    )) as Row[];
    return toProfile(row!);
  }
}
