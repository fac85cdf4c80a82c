import type { NewOrganisation, Organisation, OrganisationKind, OrganisationStore } from '@kompetenta/core';
import { date, guarded, isUuid, notFound, strOrNull, str, type Db, type Row } from './sql';

export function toOrganisation(row: Row): Organisation {
  return {
    id: str(row.id),
    name: str(row.name),
    kind: str(row.kind) as OrganisationKind,
    municipalityCode: strOrNull(row.municipality_code),
    createdAt: date(row.created_at),
  };
}

export class KnexOrganisationStore implements OrganisationStore {
  constructor(private readonly db: Db) {}

  async create(input: NewOrganisation): Promise<Organisation> {
    const [row] = (await guarded('The organisation', () =>
      this.db('organisations')
        .insert({
          name: input.name,
          kind: input.kind ?? 'ovrig',
          municipality_code: input.municipalityCode ?? null,
        })
        .returning('*'),
    )) as Row[];
    return toOrganisation(row!);
  }

  async get(id: string): Promise<Organisation> {
    const row = isUuid(id)
      ? ((await this.db('organisations').where({ id }).first()) as Row | undefined)
      : undefined;
    if (!row) throw notFound('Organisation', id);
    return toOrganisation(row);
  }

  async list(): Promise<Organisation[]> {
    const rows = (await this.db('organisations').orderBy('name')) as Row[];
    return rows.map(toOrganisation);
  }
}
