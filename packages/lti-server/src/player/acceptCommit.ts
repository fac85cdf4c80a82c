import type { AttemptTokenClaims } from './attemptToken';
import { applyLearnerCommit } from './applyLearnerCommit';
import { ATTEMPT_TOKEN_RENEW_WITHIN_SECONDS, signAttemptToken } from './attemptToken';
import { commitAccepted } from './commitAnswers';
import { readCommitBody } from './readCommitBody';
import type { LtiRouterDeps } from '../LtiRouterOptions';

/** What the commit API knows once the token is checked and the body read. */
export interface AuthorisedCommit {
  readonly attemptId: string;
  readonly claims: AttemptTokenClaims & { readonly expiresAt: Date };
  readonly contentType: string | undefined;
  /** The raw body: a Buffer (anything else is refused as not JSON). */
  readonly body: unknown;
}

/**
 * Stores an authorised commit and returns the JSON answer: the body is checked for shape,
 * the commit applied (validated against the data model, stored in one transaction), and a page
 * open for long gets a fresh token before its own runs out (player contract). Both ways into the
 * commit API (the node:http endpoint and the Express route) end here.
 */
export async function acceptCommit(
  deps: Pick<LtiRouterDeps, 'stores'>,
  publicUrl: string,
  secret: Uint8Array,
  at: () => Date,
  commit: AuthorisedCommit,
): Promise<string> {
  const body = readCommitBody(commit.contentType, commit.body);
  const { claims } = commit;
  await applyLearnerCommit(
    deps.stores,
    commit.attemptId,
    { claims, seq: body.seq, cmi: body.cmi },
    publicUrl,
  );
  const now = at();
  const renew = claims.expiresAt.getTime() - now.getTime() < ATTEMPT_TOKEN_RENEW_WITHIN_SECONDS * 1000;
  return commitAccepted(renew ? await signAttemptToken(secret, claims, now) : undefined);
}
