import type { OutboxMessage } from '@kompetenta/core';
import type { DashboardRouterDeps } from '../DashboardRouterDeps';
import type { DashboardViewer } from '../loadDashboard';

/** At most this many failed messages are read per page; more is a problem to fix, not to page through. */
export const FAILED_LIMIT = 1000;

/**
 * The failed messages the viewer may see, oldest first: all for programme staff, only their
 * organisation's for an organisation's admin (a message without organisation is programme staff's).
 */
export async function failedMessagesFor(
  deps: Pick<DashboardRouterDeps, 'stores'>,
  viewer: DashboardViewer,
): Promise<OutboxMessage[]> {
  const failed = await deps.stores.outbox.list({ status: 'failed', limit: FAILED_LIMIT });
  return viewer.organisationId === null
    ? failed
    : failed.filter((message) => message.organisationId === viewer.organisationId);
}
