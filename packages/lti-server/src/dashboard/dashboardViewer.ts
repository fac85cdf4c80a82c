import type { ExportPrincipal } from '../exports/ExportPrincipal';
import type { Principal } from '../session/sessionContext';
import type { DashboardViewer } from './loadDashboard';

/** Programme staff see the whole programme; an organisation's admin sees only their organisation. */
export function viewerOf(principal: Principal): DashboardViewer {
  return { organisationId: principal.access === 'programme_staff' ? null : principal.organisationId };
}

/** A signed-in staff member as the export code and the audit log name them. */
export function sessionExportPrincipal(principal: Principal): ExportPrincipal {
  return {
    actor: `person:${principal.personId}`,
    label: principal.name ?? principal.personId,
    organisationId: viewerOf(principal).organisationId,
    via: 'session',
  };
}
