import { randomBytes } from 'node:crypto';
import type { LtiRouterDeps } from '../LtiRouterOptions';

// One per process, for tools built without a configured secret (tests, small embeddings): tokens
// then end with the process. The app always passes a persistent secret.
const processSecret = randomBytes(32);

/** The secret attempt tokens (and the launch's other short-lived form tokens) are signed with. */
export function attemptTokenSecret(deps: Pick<LtiRouterDeps, 'attemptTokenSecret'>): Uint8Array {
  return deps.attemptTokenSecret ?? processSecret;
}
