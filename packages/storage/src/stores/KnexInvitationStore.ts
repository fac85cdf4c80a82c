import type { Invitation, InvitationStore } from '@kompetenta/core';
import { date, guarded, isUuid, str, strOrNull, type Db, type Row } from './sql';

function toInvitation(row: Row): Invitation {
  return {
    personId: str(row.person_id),
    organisationId: str(row.organisation_id),
    invitedBy: strOrNull(row.invited_by),
    invitedAt: date(row.invited_at),
  };
}

export class KnexInvitationStore implements InvitationStore {
  constructor(private readonly db: Db) {}

  async record(input: Invitation): Promise<{ invitation: Invitation; created: boolean }> {
    const inserted = (await guarded('The invitation', () =>
      this.db('invitations')
        .insert({
          person_id: input.personId,
          organisation_id: input.organisationId,
          invited_by: input.invitedBy,
          invited_at: input.invitedAt,
        })
        .onConflict('person_id')
        .ignore()
        .returning('*'),
    )) as Row[];
    if (inserted[0]) return { invitation: toInvitation(inserted[0]), created: true };
    const row = (await this.db('invitations').where({ person_id: input.personId }).first()) as Row;
    return { invitation: toInvitation(row), created: false };
  }

  async list(organisationId: string): Promise<Invitation[]> {
    if (!isUuid(organisationId)) return [];
    const rows = (await this.db('invitations')
      .where({ organisation_id: organisationId })
      .orderBy([{ column: 'invited_at' }, { column: 'person_id' }])) as Row[];
    return rows.map(toInvitation);
  }
}
