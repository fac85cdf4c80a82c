import type { AuditEntry, AuditLog, JsonValue, NewAuditEntry } from '@kompetenta/core';
import { date, num, str, strOrNull, type Db, type Row } from './sql';

function toEntry(row: Row): AuditEntry {
  return {
    id: num(row.id),
    at: date(row.at),
    actor: str(row.actor),
    action: str(row.action),
    subject: strOrNull(row.subject),
    organisationId: strOrNull(row.organisation_id),
    details: row.details as { [key: string]: JsonValue },
  };
}

/** Append-only: there is deliberately no update or delete. */
export class KnexAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const [row] = (await this.db('audit_log')
      .insert({
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        organisation_id: entry.organisationId ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .returning('*')) as Row[];
    return toEntry(row!);
  }

  async list(filter: { action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const query = this.db('audit_log')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.action) query.where({ action: filter.action });
    return ((await query) as Row[]).map(toEntry);
  }
}
