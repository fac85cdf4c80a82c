/** Why a person was erased: they (or staff for them) asked, or the retention period ran out. */
export type ErasureReason = 'request' | 'retention';

/** What `PersonErasure.erase` did: whom it erased, in which organisation, and when. */
export interface ErasureResult {
  readonly personId: string;
  readonly organisationId: string;
  readonly erasedAt: Date;
  /** True when the person had been erased before: nothing changed, nothing audited again. */
  readonly alreadyErased: boolean;
}

/** The person as the erasure confirmation shows them (staff see who they are about to erase). */
export interface ErasureCandidate {
  readonly personId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly erasedAt: Date | null;
  readonly attempts: number;
  readonly attendances: number;
}

/**
 * Privacy erasure (GDPR art. 17) and retention. Erasing removes a person's personal data — name,
 * e-mail, LTI issuer and subject, LTI roles, the self-reported profile, SCORM data of their
 * attempts, sessions, sign-in links, access grants, invitations, opt-outs, queued e-mails — but
 * keeps the `people` row (id, organisation, `erased_at`) and their attempt and attendance rows,
 * so every report's totals stay the same; their gender and role count as "not recorded".
 */
export interface PersonErasure {
  /** Throws STORE_RECORD_NOT_FOUND. In one transaction, audited as `person.erase`. Idempotent. */
  erase(
    personId: string,
    by: { readonly actor: string; readonly reason: ErasureReason },
    now: Date,
  ): Promise<ErasureResult>;
  /** Null when there is no such person. */
  describe(personId: string): Promise<ErasureCandidate | null>;
  /**
   * Ids of people not yet erased whose last sign of activity (created or updated, an attempt's
   * last activity, an attendance, a session) is before `cutoff`, oldest first.
   */
  listInactiveSince(cutoff: Date, limit?: number): Promise<string[]>;
}
