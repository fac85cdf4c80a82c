import type { Clock, LtiLoginState, LtiLoginStateStore } from '@kompetenta/core';
import { date, guarded, str, strOrNull, type Db, type Row } from '../stores/sql';

function toLoginState(row: Row): LtiLoginState {
  return {
    state: str(row.state),
    nonce: str(row.nonce),
    browserBindingHash: str(row.browser_binding_hash),
    platformId: str(row.platform_id),
    issuer: str(row.issuer),
    clientId: str(row.client_id),
    deploymentId: strOrNull(row.deployment_id),
    targetLinkUri: str(row.target_link_uri),
    expiresAt: date(row.expires_at),
  };
}

/** Login states in `lti_login_states`; expiry is judged by the injected clock. */
export class KnexLtiLoginStateStore implements LtiLoginStateStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async save(state: LtiLoginState): Promise<void> {
    await guarded(`The LTI login state`, () =>
      this.db('lti_login_states').insert({
        state: state.state,
        nonce: state.nonce,
        browser_binding_hash: state.browserBindingHash,
        platform_id: state.platformId,
        issuer: state.issuer,
        client_id: state.clientId,
        deployment_id: state.deploymentId,
        target_link_uri: state.targetLinkUri,
        expires_at: state.expiresAt,
      }),
    );
  }

  async consume(state: string): Promise<LtiLoginState | null> {
    // DELETE ... RETURNING is atomic: of two launches racing with the same state, one gets the row.
    const [row] = (await this.db('lti_login_states').where({ state }).delete().returning('*')) as Row[];
    if (!row) return null;
    const found = toLoginState(row);
    return found.expiresAt.getTime() > this.clock.now().getTime() ? found : null;
  }

  async purgeExpired(): Promise<number> {
    const deleted = await this.db('lti_login_states')
      .where('expires_at', '<=', this.clock.now())
      .delete()
      .returning('state');
    return (deleted as unknown[]).length;
  }
}
