import type { JsonValue } from './Attempt';

/** An append-only record of who did what to which data (exports, erasures, approvals…). */
export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  /** Who: a staff user, an API token name, `cli`, or `system`. */
  readonly actor: string;
  /** What, as `noun.verb`, e.g. `export.csv`, `person.erase`, `platform.approve`. */
  readonly action: string;
  /** Which record(s), e.g. `person:<id>`. */
  readonly subject: string | null;
  readonly organisationId: string | null;
  readonly details: { readonly [key: string]: JsonValue };
}

/**
 * An audit entry to append, with the fields of {@link AuditEntry}; `subject` and `organisationId`
 * default to null, `details` to `{}`. The log sets the id and time.
 */
export interface NewAuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject?: string | null;
  readonly organisationId?: string | null;
  readonly details?: { readonly [key: string]: JsonValue };
}
