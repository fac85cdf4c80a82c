import type { DeepLinkSession } from './DeepLinkSession';
import type { LtiLoginState, ToolKey } from './LtiLoginState';

/** Login states between `/lti/login` and `/lti/launch`. */
export interface LtiLoginStateStore {
  /**
   * Stores a new login state until its `expiresAt`. Throws STORE_RECORD_CONFLICT for a state value already
   * stored.
   */
  save(state: LtiLoginState): Promise<void>;
  /**
   * Removes and returns the state in one step, so it (and its nonce) can be used once only.
   * Returns null when the state is unknown, already used or expired.
   */
  consume(state: string): Promise<LtiLoginState | null>;
  /** Deletes expired states; returns how many. */
  purgeExpired(): Promise<number>;
}

/** The tool's key pair; the private key is encrypted at rest by the implementation. */
export interface ToolKeyStore {
  /** The current key, or null before the first one is stored. */
  current(): Promise<ToolKey | null>;
  /**
   * Stores `candidate` as the current key unless one already exists (another process may have
   * won the race), and returns the key that is current afterwards.
   */
  saveIfAbsent(candidate: ToolKey): Promise<ToolKey>;
}

/** Deep Linking picker sessions between the launch and the picker's form post. */
export interface DeepLinkSessionStore {
  /** Stores a new picker session until its `expiresAt`, keyed by its token. */
  save(session: DeepLinkSession): Promise<void>;
  /** Removes and returns the session in one step (single use); null when unknown, used or expired. */
  consume(token: string): Promise<DeepLinkSession | null>;
  /** Deletes expired sessions; returns how many. */
  purgeExpired(): Promise<number>;
}

/** The LTI stores, on one connection. */
export interface LtiStores {
  readonly loginStates: LtiLoginStateStore;
  readonly toolKeys: ToolKeyStore;
  readonly deepLinkSessions: DeepLinkSessionStore;
}
