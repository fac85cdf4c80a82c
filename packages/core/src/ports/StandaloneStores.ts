import type { Organisation } from '../domain/Organisation';
import type { Person } from '../domain/Person';
import type { Invitation, NewSignInLink, SignInLink } from '../domain/SignInLink';
import type { GrantedAccess, NewWebSession, WebAccess, WebSession } from '../domain/WebSession';

/** Browser sessions of standalone learners, organisation admins and programme staff. */
export interface WebSessionStore {
  /** Throws STORE_RECORD_CONFLICT for a reused id hash, STORE_VALUE_INVALID for an unknown person. */
  create(input: NewWebSession): Promise<WebSession>;
  /** The session whose id hashes to `idHash` when it has not expired at `now`; otherwise null. */
  findActive(idHash: string, now: Date): Promise<WebSession | null>;
  /** Sliding expiry: records `now` as last seen and moves the expiry to `expiresAt`, never backwards. */
  touch(idHash: string, now: Date, expiresAt: Date): Promise<void>;
  /** Ends one session (sign-out). Idempotent. */
  end(idHash: string): Promise<void>;
  /** Ends every session of a person; returns how many there were. */
  endForPerson(personId: string): Promise<number>;
  /** Deletes sessions that expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** Single-use sign-in links. */
export interface SignInLinkStore {
  /** Throws STORE_RECORD_CONFLICT for a reused token hash. */
  create(input: NewSignInLink): Promise<SignInLink>;
  /** The link whose token hashes to `tokenHash`, used or not, expired or not; null when unknown. */
  find(tokenHash: string): Promise<SignInLink | null>;
  /**
   * Marks the link used when it is unused and unexpired at `now`, in one statement: of two
   * concurrent consumers exactly one gets the link, the other null. Null also for unknown links.
   */
  consume(tokenHash: string, now: Date): Promise<SignInLink | null>;
}

/** Access above learner, and the built-in programme organisation that programme staff belong to. */
export interface AccessStore {
  /** The programme's own organisation, created on first use (idempotent, safe concurrently). */
  programmeOrganisation(): Promise<Organisation>;
  /** Idempotent. `org_admin` is for the person's own organisation. */
  grant(personId: string, access: GrantedAccess): Promise<void>;
  /** The highest access of the person: programme_staff, then org_admin, else learner. */
  accessOf(personId: string): Promise<WebAccess>;
  /** People of the organisation with the access, by name. */
  listGranted(organisationId: string, access: GrantedAccess): Promise<Person[]>;
  /** Every standalone (not LTI) person with this e-mail address (case-insensitive), any organisation. */
  findPeopleByEmail(email: string): Promise<Person[]>;
}

/** Who was invited by whom. */
export interface InvitationStore {
  /** Records the invitation unless the person already has one; `created` tells which. */
  record(input: Invitation): Promise<{ invitation: Invitation; created: boolean }>;
  /** The organisation's invitations, oldest first. */
  list(organisationId: string): Promise<Invitation[]>;
}

/** People who do not want reminder and digest mail (sign-in links and confirmations still go). */
export interface MailPreferenceStore {
  /** Idempotent: keeps the first opt-out time. */
  optOut(personId: string, at: Date): Promise<void>;
  /** True when the person has opted out of reminder and digest mail. */
  isOptedOut(personId: string): Promise<boolean>;
  /**
   * Attempts of standalone people (invited by e-mail, not LTI) that were started before
   * `startedBefore` and are not completed, whose person has an e-mail address, is not erased and has
   * not opted out; oldest first, at most `limit`.
   */
  reminderCandidates(startedBefore: Date, limit: number): Promise<ReminderCandidate[]>;
}

/** A started, unfinished course of someone who may get a reminder. */
export interface ReminderCandidate {
  readonly attemptId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly personId: string;
  readonly email: string;
  readonly name: string | null;
  readonly courseSlug: string;
  readonly courseTitle: string;
  readonly startedAt: Date;
}

/**
 * Fixed-window counters shared by every app instance (the database is the one place they all
 * see), for rate limits such as sign-in requests per address and per client address.
 */
export interface RateLimitStore {
  /** Counts one hit in (bucket, window) and returns the hits so far in that window, this one included. */
  hit(bucket: string, windowStart: Date): Promise<number>;
  /** The hits so far in (bucket, window), without counting one (0 for a window never hit). */
  count(bucket: string, windowStart: Date): Promise<number>;
  /** Deletes windows that started before `before`; returns how many. */
  purgeBefore(before: Date): Promise<number>;
}
