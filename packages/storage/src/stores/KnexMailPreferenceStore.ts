import type { MailPreferenceStore } from '@kompetenta/core';
import { guarded, isUuid, type Db } from './sql';

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
}
