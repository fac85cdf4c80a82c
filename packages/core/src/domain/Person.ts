import type { Gender, ParticipantRole } from './vocabularies';

/**
 * A person known to one organisation: a learner launched by LTI (identified by issuer + sub),
 * a standalone learner invited by e-mail, or an event attendee. A learner is a person with attempts.
 */
export interface Person {
  readonly id: string;
  readonly organisationId: string;
  /** LTI issuer and subject, when the person came through LTI. */
  readonly ltiIssuer: string | null;
  readonly ltiSubject: string | null;
  readonly email: string | null;
  readonly name: string | null;
  /** LTI role URIs as the platform sent them. */
  readonly roles: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set by a privacy erasure: name, e-mail and subject are gone. */
  readonly erasedAt: Date | null;
}

/** Fields for creating or updating a person; identity is (organisation, issuer, subject) or (organisation, e-mail). */
export interface PersonInput {
  readonly organisationId: string;
  readonly ltiIssuer?: string | null;
  readonly ltiSubject?: string | null;
  readonly email?: string | null;
  readonly name?: string | null;
  readonly roles?: readonly string[];
}

/**
 * What a person says about themself for programme statistics. Gender is self-reported only and
 * can be changed by the person, never by staff; null means not recorded.
 */
export interface PersonProfile {
  readonly personId: string;
  readonly role: ParticipantRole | null;
  readonly gender: Gender | null;
  readonly municipalityCode: string | null;
  /** When the person consented to the statistics use of the profile; null: no consent given. */
  readonly consentAt: Date | null;
  readonly updatedAt: Date;
}

/**
 * Fields of a profile to change. A field left out keeps its stored value; null clears it ("not
 * recorded"; for `consentAt`, consent withdrawn).
 */
export interface PersonProfileInput {
  readonly role?: ParticipantRole | null;
  readonly gender?: Gender | null;
  readonly municipalityCode?: string | null;
  readonly consentAt?: Date | null;
}
