import type { Stores } from '@kompetenta/core';
import type { Knex } from 'knex';
import { KnexAccessStore } from './KnexAccessStore';
import { KnexApiTokenStore } from './KnexApiTokenStore';
import { KnexAttemptStore } from './KnexAttemptStore';
import { KnexAuditLog } from './KnexAuditLog';
import { KnexCourseStore } from './KnexCourseStore';
import { KnexEventStore } from './KnexEventStore';
import { KnexInvitationStore } from './KnexInvitationStore';
import { KnexMailPreferenceStore } from './KnexMailPreferenceStore';
import { KnexOrganisationStore } from './KnexOrganisationStore';
import { KnexOutbox } from './KnexOutbox';
import { KnexPersonProfileStore } from './KnexPersonProfileStore';
import { KnexPersonStore } from './KnexPersonStore';
import { KnexResourceLinkStore } from './KnexResourceLinkStore';
import { KnexRateLimitStore } from './KnexRateLimitStore';
import { KnexSignInLinkStore } from './KnexSignInLinkStore';
import { KnexTenantStore } from './KnexTenantStore';
import { KnexWebSessionStore } from './KnexWebSessionStore';
import type { Db } from './sql';

/**
 * All stores on one handle. Inside `transaction`, the stores are bound to the transaction (and a
 * nested `transaction` becomes a savepoint), so work composed from several stores commits as one.
 */
export function createStores(db: Db): Stores {
  return {
    organisations: new KnexOrganisationStore(db),
    tenants: new KnexTenantStore(db),
    people: new KnexPersonStore(db),
    profiles: new KnexPersonProfileStore(db),
    courses: new KnexCourseStore(db),
    attempts: new KnexAttemptStore(db),
    resourceLinks: new KnexResourceLinkStore(db),
    events: new KnexEventStore(db),
    audit: new KnexAuditLog(db),
    outbox: new KnexOutbox(db),
    apiTokens: new KnexApiTokenStore(db),
    webSessions: new KnexWebSessionStore(db),
    signInLinks: new KnexSignInLinkStore(db),
    access: new KnexAccessStore(db),
    invitations: new KnexInvitationStore(db),
    mailPreferences: new KnexMailPreferenceStore(db),
    rateLimits: new KnexRateLimitStore(db),
    transaction: <T>(work: (stores: Stores) => Promise<T>) =>
      (db as Knex).transaction((trx) => work(createStores(trx))),
  };
}
