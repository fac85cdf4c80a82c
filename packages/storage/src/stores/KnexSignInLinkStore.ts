import type { NewSignInLink, SignInLink, SignInLinkStore, SignInPurpose, WebAccess } from '@kompetenta/core';
import { date, dateOrNull, guarded, isSha256Hex, str, type Db, type Row } from './sql';

function toLink(row: Row): SignInLink {
  return {
    id: str(row.id),
    personId: str(row.person_id),
    organisationId: str(row.organisation_id),
    purpose: str(row.purpose) as SignInPurpose,
    access: str(row.access) as WebAccess,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    usedAt: dateOrNull(row.used_at),
  };
}

/** The token hash is written once and never read back out of this class. */
export class KnexSignInLinkStore implements SignInLinkStore {
  constructor(private readonly db: Db) {}

  async create(input: NewSignInLink): Promise<SignInLink> {
    const [row] = (await guarded('The sign-in link', () =>
      this.db('sign_in_links')
        .insert({
          token_hash: input.tokenHash,
          person_id: input.personId,
          organisation_id: input.organisationId,
          purpose: input.purpose,
          access: input.access,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .returning('*'),
    )) as Row[];
    return toLink(row!);
  }

  async find(tokenHash: string): Promise<SignInLink | null> {
    if (!isSha256Hex(tokenHash)) return null;
    const row = (await this.db('sign_in_links').where({ token_hash: tokenHash }).first()) as Row | undefined;
    return row ? toLink(row) : null;
  }

  async consume(tokenHash: string, now: Date): Promise<SignInLink | null> {
    if (!isSha256Hex(tokenHash)) return null;
    // One conditional UPDATE: the row lock makes a second concurrent consumer see used_at set.
    const [row] = (await this.db('sign_in_links')
      .where({ token_hash: tokenHash })
      .whereNull('used_at')
      .andWhere('expires_at', '>', now)
      .update({ used_at: now })
      .returning('*')) as Row[];
    return row ? toLink(row) : null;
  }
}
