import { systemClock, type Clock, type LtiStores } from '@kompetenta/core';
import type { Db } from '../stores/sql';
import { KnexDeepLinkSessionStore } from './KnexDeepLinkSessionStore';
import { KnexLtiLoginStateStore } from './KnexLtiLoginStateStore';
import { KnexLtijsDatabase } from './KnexLtijsDatabase';
import { KnexToolKeyStore } from './KnexToolKeyStore';
import { SecretBox } from './SecretBox';

/** Options for the LTI stores: the 32-byte key that encrypts private keys at rest, and a clock. */
export interface LtiStorageOptions {
  readonly encryptionKey: Uint8Array;
  readonly clock?: Clock;
}

/** The LTI stores and the ltijs database plugin, on one knex handle. */
export function createLtiStores(
  db: Db,
  options: LtiStorageOptions,
): LtiStores & { readonly ltijsDatabase: KnexLtijsDatabase } {
  const box = new SecretBox(options.encryptionKey);
  const clock = options.clock ?? systemClock;
  return {
    loginStates: new KnexLtiLoginStateStore(db, clock),
    toolKeys: new KnexToolKeyStore(db, box),
    deepLinkSessions: new KnexDeepLinkSessionStore(db, clock),
    ltijsDatabase: new KnexLtijsDatabase(db, box, clock),
  };
}
