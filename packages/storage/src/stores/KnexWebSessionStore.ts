import type { NewWebSession, WebAccess, WebSession, WebSessionStore } from '@kompetenta/core';
import { date, guarded, isSha256Hex, str, strOrNull, type Db, type Row } from './sql';

function toSession(row: Row): WebSession {
  return {
    idHash: str(row.id_hash),
    personId: str(row.person_id),
    organisationId: str(row.organisation_id),
    access: str(row.access) as WebAccess,
    personName: strOrNull(row.person_name),
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    lastSeenAt: date(row.last_seen_at),
  };
}

export class KnexWebSessionStore implements WebSessionStore {
  constructor(private readonly db: Db) {}

  async create(input: NewWebSession): Promise<WebSession> {
    await guarded('The session', () =>
      this.db('web_sessions').insert({
        id_hash: input.idHash,
        person_id: input.personId,
        organisation_id: input.organisationId,
        access: input.access,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
        last_seen_at: input.createdAt,
      }),
    );
    const session = await this.findActive(input.idHash, input.createdAt);
    if (!session) throw new Error('a session just created was not found');
    return session;
  }

  async findActive(idHash: string, now: Date): Promise<WebSession | null> {
    if (!isSha256Hex(idHash)) return null;
    // The person's current name comes with the session: the page header shows it.
    const row: Row | undefined = await this.db('web_sessions as s')
      .join('people as p', 'p.id', 's.person_id')
      .where('s.id_hash', idHash)
      .andWhere('s.expires_at', '>', now)
      .first('s.*', 'p.name as person_name');
    return row ? toSession(row) : null;
  }

  async touch(idHash: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db('web_sessions')
      .where({ id_hash: idHash })
      .update({
        last_seen_at: this.db.raw('greatest(last_seen_at, ?)', [now]),
        expires_at: this.db.raw('greatest(expires_at, ?)', [expiresAt]),
      });
  }

  async end(idHash: string): Promise<void> {
    await this.db('web_sessions').where({ id_hash: idHash }).delete();
  }

  async endForPerson(personId: string): Promise<number> {
    const rows: Row[] = await this.db('web_sessions')
      .where({ person_id: personId })
      .delete()
      .returning('id_hash');
    return rows.length;
  }

  async purgeExpired(now: Date): Promise<number> {
    // returning(): PGlite does not report a deleted-row count.
    const rows: Row[] = await this.db('web_sessions')
      .where('expires_at', '<=', now)
      .delete()
      .returning('id_hash');
    return rows.length;
  }
}
