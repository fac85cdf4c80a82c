import type {
  Attempt,
  AttemptCommit,
  AttemptResume,
  AttemptSummary,
  CommitOutcome,
  ConditionalAttemptCommit,
  NewAttempt,
} from '../domain/Attempt';
import type { AuditEntry, NewAuditEntry } from '../domain/AuditEntry';
import type { ApiTokenStore } from './ApiTokenStore';
import type { Course, CourseVersion, NewCourseVersion } from '../domain/Course';
import type { NewOrganisation, Organisation } from '../domain/Organisation';
import type {
  AccessStore,
  InvitationStore,
  MailPreferenceStore,
  RateLimitStore,
  SignInLinkStore,
  WebSessionStore,
} from './StandaloneStores';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from '../domain/OutboxMessage';
import type { Person, PersonInput, PersonProfile, PersonProfileInput } from '../domain/Person';
import type { Attendance, NewAttendance, NewProgrammeEvent, ProgrammeEvent } from '../domain/ProgrammeEvent';
import type { Deployment, NewPlatform, Platform, ResolvedTenant, TenantKey } from '../domain/Tenant';
import type { ResourceLink, ResourceLinkLaunchInput } from '../domain/ResourceLink';

/** Organisations (tenants). */
export interface OrganisationStore {
  /**
   * Creates an organisation. Throws STORE_VALUE_INVALID for a kind or municipality code the database refuses.
   */
  create(input: NewOrganisation): Promise<Organisation>;
  /** Throws STORE_RECORD_NOT_FOUND. */
  get(id: string): Promise<Organisation>;
  /** Every organisation, by name. */
  list(): Promise<Organisation[]>;
}

/** LTI platform registrations and their deployments. */
export interface TenantStore {
  /** Stores a registration. Throws STORE_RECORD_CONFLICT when (issuer, client id) is already registered. */
  addPlatform(input: NewPlatform): Promise<Platform>;
  /** Throws STORE_RECORD_NOT_FOUND. */
  getPlatform(id: string): Promise<Platform>;
  /** The registration of (issuer, client id), or null when there is none. */
  findPlatform(issuer: string, clientId: string): Promise<Platform | null>;
  /** Every registration, oldest first, pending ones included. */
  listPlatforms(): Promise<Platform[]>;
  /**
   * Sets the status to `approved` (again, if it was) and returns the platform. Throws STORE_RECORD_NOT_FOUND.
   */
  approvePlatform(id: string): Promise<Platform>;
  /** Removes a registration and its deployments; people and attempts stay with their organisation. */
  removePlatform(id: string): Promise<void>;
  /** Idempotent: the same deployment for the same organisation is returned as it is. */
  addDeployment(platformId: string, deploymentId: string, organisationId: string): Promise<Deployment>;
  /** The platform's deployments, oldest first; empty for an unknown platform. */
  listDeployments(platformId: string): Promise<Deployment[]>;
  /** Resolves a launch's tenancy key. Throws STORE_TENANT_UNKNOWN or STORE_TENANT_PENDING. */
  resolve(key: TenantKey): Promise<ResolvedTenant>;
}

/** People, always inside one organisation. */
export interface PersonStore {
  /** Creates or updates the person identified by (organisation, ltiIssuer, ltiSubject). */
  upsertByLti(input: PersonInput & { ltiIssuer: string; ltiSubject: string }): Promise<Person>;
  /** Creates or updates the person identified by (organisation, e-mail, case-insensitive). */
  upsertByEmail(input: PersonInput & { email: string }): Promise<Person>;
  /** Throws STORE_RECORD_NOT_FOUND, also when the person belongs to another organisation. */
  get(organisationId: string, id: string): Promise<Person>;
  /** The organisation's people, oldest first, erased ones included. */
  list(organisationId: string): Promise<Person[]>;
}

/** Self-reported profiles for statistics. */
export interface PersonProfileStore {
  /** The person's profile, or null when they have never given one (or no such person exists). */
  get(personId: string): Promise<PersonProfile | null>;
  /** Sets the given fields; fields left out keep their value. */
  set(personId: string, input: PersonProfileInput): Promise<PersonProfile>;
}

/** The course catalogue and its built versions. */
export interface CourseStore {
  /** Idempotent per (slug, version): registering the same version again returns the stored one. */
  registerVersion(input: NewCourseVersion): Promise<CourseVersion>;
  /** Throws STORE_RECORD_NOT_FOUND. */
  getVersion(id: string): Promise<CourseVersion>;
  /** The version `version` of the course `slug`, or null when it was never registered. */
  findVersion(slug: string, version: string): Promise<CourseVersion | null>;
  /** The most recently registered version of the course, or null when it has none. */
  latestVersion(slug: string): Promise<CourseVersion | null>;
  /** Every course in the catalogue, by slug. */
  listCourses(): Promise<Course[]>;
}

/** Attempts and their SCORM commits. */
export interface AttemptStore {
  /**
   * Starts a new attempt with an empty CMI and commit sequence 0. Throws STORE_VALUE_INVALID when the
   * person, course version or link does not exist.
   */
  create(input: NewAttempt): Promise<Attempt>;
  /**
   * Throws STORE_RECORD_NOT_FOUND, also for another organisation's attempt. `forUpdate` locks the
   * row until the surrounding transaction ends (a commit compares before and after under it).
   */
  get(organisationId: string, id: string, options?: { forUpdate?: boolean }): Promise<Attempt>;
  /** The person's most recent attempt at any version of the course, if any. */
  findLatest(organisationId: string, personId: string, courseSlug: string): Promise<Attempt | null>;
  /**
   * Applies a validated commit in one transaction. A commit whose `seq` is not greater than the
   * stored one changes nothing (repeats and out-of-order commits never move state backwards).
   */
  applyCommit(commit: AttemptCommit): Promise<CommitOutcome>;
  /** The attempt without its CMI. Throws as `get`. */
  getSummary(organisationId: string, id: string): Promise<AttemptSummary>;
  /**
   * Applies a validated commit in ONE statement (its own transaction; no lock held between the
   * caller's read and this write), together with its grade outbox row, only if the stored commit
   * sequence is still `expectedSeq`. Returns the stored attempt, or null when another commit came
   * first (read again, derive again, retry).
   */
  applyCommitIfUnchanged(
    commit: ConditionalAttemptCommit,
  ): Promise<{ attempt: AttemptSummary; graded: boolean } | null>;
  /** Every attempt of the organisation at this one course version, oldest first. */
  listForCourseVersion(organisationId: string, courseVersionId: string): Promise<Attempt[]>;
  /** Every attempt of the organisation at any version of the course, oldest first. */
  listForCourse(organisationId: string, courseSlug: string): Promise<Attempt[]>;
  /** Moves an attempt to a compatible version and the link it was launched from. Throws as `get`. */
  resume(organisationId: string, id: string, to: AttemptResume): Promise<Attempt>;
}

/** LTI resource links, always inside one organisation. */
export interface ResourceLinkStore {
  /**
   * Creates or updates the link keyed by (platform, deployment, resource_link_id) from a launch.
   * Service URLs a launch leaves out keep their stored value (a grade target is never forgotten
   * because one launch lacked the claim); the teacher-chosen course is left as it is.
   */
  upsertFromLaunch(input: ResourceLinkLaunchInput): Promise<ResourceLink>;
  /** Throws STORE_RECORD_NOT_FOUND, also for another organisation's link. */
  get(organisationId: string, id: string): Promise<ResourceLink>;
  /** Sets the course chosen for the link. Throws STORE_RECORD_NOT_FOUND as `get`. */
  chooseCourse(organisationId: string, id: string, courseSlug: string): Promise<ResourceLink>;
}

/** Programme events and attendance. */
export interface EventStore {
  /** Creates an event. Throws STORE_VALUE_INVALID for hours out of range or an unknown parent event. */
  create(input: NewProgrammeEvent): Promise<ProgrammeEvent>;
  /** Throws STORE_RECORD_NOT_FOUND. */
  get(id: string): Promise<ProgrammeEvent>;
  /** Events by start time; `from` is inclusive, `to` exclusive, either may be left out. */
  list(range?: { from?: Date; to?: Date }): Promise<ProgrammeEvent[]>;
  /** Idempotent per (event, person): recording the same person twice keeps one row. */
  recordAttendance(input: NewAttendance): Promise<Attendance>;
  /** The event's attendance in the order it was recorded; empty for an unknown event. */
  listAttendance(eventId: string): Promise<Attendance[]>;
}

/** The append-only audit log. */
export interface AuditLog {
  /** Appends an entry, stamped with the database time; entries are never changed or deleted. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries newest first, at most `limit` (default 100), only those of `action` when it is given. */
  list(filter?: { action?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** Which outbox messages `Outbox.list` returns; every field narrows the list. */
export interface OutboxListFilter {
  readonly status?: OutboxStatus;
  readonly topic?: string;
  readonly organisationId?: string;
  readonly limit?: number;
}

/**
 * The durable outbox. Several app instances may run workers at once: `claim` hands each due
 * message to exactly one of them for a lease, and an expired lease makes it claimable again.
 */
export interface Outbox {
  /** Idempotent per idempotencyKey: enqueueing the same key again returns the existing message. */
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage>;
  /**
   * Leases up to `limit` due pending messages (of `topic`, when given) to `workerId` for `leaseMs`
   * milliseconds, oldest first, counting a try for each; a message waits while an older pending one
   * has its `orderingKey`. Returns an empty list when nothing is due.
   */
  claim(
    workerId: string,
    options: { limit: number; leaseMs: number; topic?: string },
  ): Promise<OutboxMessage[]>;
  /**
   * The mark* methods return false when `workerId` no longer holds the message's lease (it
   * expired and another worker claimed it); the caller then leaves it alone.
   */
  markSent(id: number, workerId: string): Promise<boolean>;
  /** Gives the message back for another try at `nextAttemptAt`. */
  markRetry(id: number, workerId: string, error: string, nextAttemptAt: Date): Promise<boolean>;
  /** A permanent failure that staff must see. */
  markFailed(id: number, workerId: string, error: string): Promise<boolean>;
  /**
   * Messages oldest first (at most `limit`, default 1000). `organisationId` keeps only that
   * organisation's messages (in the database, so an organisation's admin never pages through
   * other tenants' rows); without it every organisation's and the programme's own are listed.
   */
  list(filter?: OutboxListFilter): Promise<OutboxMessage[]>;
  /**
   * Gives a failed message another chance (staff, after fixing the cause): pending, due now, its
   * try count back to 0, its last error kept until the next try. `requeued` is false (and the
   * message unchanged) when it had not failed; null when no message has this id.
   */
  requeue(id: number): Promise<{ readonly requeued: boolean; readonly message: OutboxMessage } | null>;
}

/** All stores, bound to one connection or one transaction. */
export interface Stores {
  readonly organisations: OrganisationStore;
  readonly tenants: TenantStore;
  readonly people: PersonStore;
  readonly profiles: PersonProfileStore;
  readonly courses: CourseStore;
  readonly attempts: AttemptStore;
  readonly resourceLinks: ResourceLinkStore;
  readonly events: EventStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly apiTokens: ApiTokenStore;
  readonly webSessions: WebSessionStore;
  readonly signInLinks: SignInLinkStore;
  readonly access: AccessStore;
  readonly invitations: InvitationStore;
  readonly mailPreferences: MailPreferenceStore;
  readonly rateLimits: RateLimitStore;
  /** Runs `work` in one transaction: all its writes land together or not at all. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}
