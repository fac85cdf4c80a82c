import type { ResourceLink, ResourceLinkLaunchInput, ResourceLinkStore } from '@kompetenta/core';
import { date, guarded, isUuid, notFound, str, strOrNull, type Db, type Row } from './sql';

function toResourceLink(row: Row): ResourceLink {
  const scopes: unknown = typeof row.ags_scopes === 'string' ? JSON.parse(row.ags_scopes) : row.ags_scopes;
  return {
    id: str(row.id),
    platformId: str(row.platform_id),
    deploymentId: str(row.deployment_id),
    resourceLinkId: str(row.resource_link_id),
    organisationId: str(row.organisation_id),
    contextId: strOrNull(row.context_id),
    contextTitle: strOrNull(row.context_title),
    title: strOrNull(row.title),
    courseSlug: strOrNull(row.course_slug),
    agsLineItemUrl: strOrNull(row.ags_line_item_url),
    agsLineItemsUrl: strOrNull(row.ags_line_items_url),
    agsScopes: Array.isArray(scopes) ? scopes.map(String) : [],
    nrpsMembershipsUrl: strOrNull(row.nrps_memberships_url),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export class KnexResourceLinkStore implements ResourceLinkStore {
  constructor(private readonly db: Db) {}

  async upsertFromLaunch(input: ResourceLinkLaunchInput): Promise<ResourceLink> {
    // One statement, so concurrent first launches of one link meet at the unique key. The
    // organisation is part of the conflict target's guard: a link never moves between tenants.
    const row = await guarded('The resource link', async () => {
      const result: { rows: Row[] } = await this.db.raw(
        `INSERT INTO lti_resource_links AS l (platform_id, deployment_id, resource_link_id, organisation_id,
           context_id, context_title, title, ags_line_item_url, ags_line_items_url, ags_scopes, nrps_memberships_url)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
         ON CONFLICT (platform_id, deployment_id, resource_link_id) DO UPDATE SET
           context_id = COALESCE(EXCLUDED.context_id, l.context_id),
           context_title = COALESCE(EXCLUDED.context_title, l.context_title),
           title = COALESCE(EXCLUDED.title, l.title),
           ags_line_item_url = COALESCE(EXCLUDED.ags_line_item_url, l.ags_line_item_url),
           ags_line_items_url = COALESCE(EXCLUDED.ags_line_items_url, l.ags_line_items_url),
           ags_scopes = CASE WHEN EXCLUDED.ags_line_item_url IS NULL AND EXCLUDED.ags_line_items_url IS NULL
             THEN l.ags_scopes ELSE EXCLUDED.ags_scopes END,
           nrps_memberships_url = COALESCE(EXCLUDED.nrps_memberships_url, l.nrps_memberships_url),
           updated_at = now()
         WHERE l.organisation_id = EXCLUDED.organisation_id
         RETURNING *`,
        [
          input.platformId,
          input.deploymentId,
          input.resourceLinkId,
          input.organisationId,
          input.contextId,
          input.contextTitle,
          input.title,
          input.agsLineItemUrl,
          input.agsLineItemsUrl,
          JSON.stringify(input.agsScopes),
          input.nrpsMembershipsUrl,
        ],
      );
      return result.rows[0];
    });
    // No row: the key exists in another organisation (its deployment was remapped). Refuse
    // rather than hand one tenant's link to another.
    if (!row) throw notFound('Resource link', input.resourceLinkId);
    return toResourceLink(row);
  }

  async get(organisationId: string, id: string): Promise<ResourceLink> {
    const row =
      isUuid(id) && isUuid(organisationId)
        ? ((await this.db('lti_resource_links').where({ id, organisation_id: organisationId }).first()) as
            Row | undefined)
        : undefined;
    if (!row) throw notFound('Resource link', id);
    return toResourceLink(row);
  }

  async chooseCourse(organisationId: string, id: string, courseSlug: string): Promise<ResourceLink> {
    if (!isUuid(id) || !isUuid(organisationId)) throw notFound('Resource link', id);
    const [row] = (await guarded('The resource link', () =>
      this.db('lti_resource_links')
        .where({ id, organisation_id: organisationId })
        .update({ course_slug: courseSlug, updated_at: this.db.fn.now() })
        .returning('*'),
    )) as Row[];
    if (!row) throw notFound('Resource link', id);
    return toResourceLink(row);
  }
}
