/**
 * An LTI resource link as its launches describe it, kept per (platform, deployment,
 * resource_link_id) so that later work — a grade sent to the line item, the Names and Roles roster
 * — has what it needs without the launch (AGS 2.0 §3.2, NRPS 2.0 §3.6).
 */
export interface ResourceLink {
  readonly id: string;
  readonly platformId: string;
  /** The platform's deployment id (the `deployment_id` claim), not our deployment row id. */
  readonly deploymentId: string;
  /** The platform's id of the link (`resource_link.id` claim). */
  readonly resourceLinkId: string;
  readonly organisationId: string;
  readonly contextId: string | null;
  readonly contextTitle: string | null;
  readonly title: string | null;
  /** The course a teacher chose for a link launched without the `course` custom parameter. */
  readonly courseSlug: string | null;
  /** AGS line item of this link (where scores go), when the platform gave one. */
  readonly agsLineItemUrl: string | null;
  readonly agsLineItemsUrl: string | null;
  readonly agsScopes: readonly string[];
  /** NRPS `context_memberships_url` of the link's context. */
  readonly nrpsMembershipsUrl: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What one resource link launch says about its link. */
export interface ResourceLinkLaunchInput {
  readonly platformId: string;
  readonly deploymentId: string;
  readonly resourceLinkId: string;
  readonly organisationId: string;
  readonly contextId: string | null;
  readonly contextTitle: string | null;
  readonly title: string | null;
  readonly agsLineItemUrl: string | null;
  readonly agsLineItemsUrl: string | null;
  readonly agsScopes: readonly string[];
  readonly nrpsMembershipsUrl: string | null;
}
