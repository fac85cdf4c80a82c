/**
 * Who asks for an export, as the export routes see it: an API token or a signed-in staff member.
 * `organisationId` is the tenant boundary: when set, every query is limited to it.
 */
export interface ExportPrincipal {
  /** How the audit log names them: `token:<id>` or `person:<id>`. */
  readonly actor: string;
  /** A readable name for the audit details: the token's name or the person's. */
  readonly label: string;
  /** Null: programme staff (everything). */
  readonly organisationId: string | null;
  readonly via: 'token' | 'session';
}
