import type { Clock, DeepLinkSession, DeepLinkSessionStore } from '@kompetenta/core';
import { date, guarded, str, strOrNull, type Db, type Row } from '../stores/sql';

function toSession(row: Row): DeepLinkSession {
  return {
    token: str(row.token),
    platformId: str(row.platform_id),
    issuer: str(row.issuer),
    clientId: str(row.client_id),
    deploymentId: str(row.deployment_id),
    organisationId: str(row.organisation_id),
    returnUrl: str(row.return_url),
    data: strOrNull(row.data),
    acceptMultiple: row.accept_multiple === true,
    expiresAt: date(row.expires_at),
  };
}

/** Deep Linking picker sessions in `lti_deep_link_sessions`; expiry is judged by the injected clock. */
export class KnexDeepLinkSessionStore implements DeepLinkSessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async save(session: DeepLinkSession): Promise<void> {
    await guarded('The deep linking session', () =>
      this.db('lti_deep_link_sessions').insert({
        token: session.token,
        platform_id: session.platformId,
        issuer: session.issuer,
        client_id: session.clientId,
        deployment_id: session.deploymentId,
        organisation_id: session.organisationId,
        return_url: session.returnUrl,
        data: session.data,
        accept_multiple: session.acceptMultiple,
        expires_at: session.expiresAt,
      }),
    );
  }

  async consume(token: string): Promise<DeepLinkSession | null> {
    // DELETE ... RETURNING is atomic: of two posts of one picker form, only one gets the row.
    const [row] = (await this.db('lti_deep_link_sessions').where({ token }).delete().returning('*')) as Row[];
    if (!row) return null;
    const found = toSession(row);
    return found.expiresAt.getTime() > this.clock.now().getTime() ? found : null;
  }

  async purgeExpired(): Promise<number> {
    const deleted = await this.db('lti_deep_link_sessions')
      .where('expires_at', '<=', this.clock.now())
      .delete()
      .returning('token');
    return (deleted as unknown[]).length;
  }
}
