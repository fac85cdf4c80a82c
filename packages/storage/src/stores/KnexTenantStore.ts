import {
  AppError,
  type Deployment,
  type NewPlatform,
  type Platform,
  type PlatformStatus,
  type ResolvedTenant,
  type TenantKey,
  type TenantStore,
} from '@kompetenta/core';
import { date, guarded, isUuid, notFound, str, type Db, type Row } from './sql';

function toPlatform(row: Row): Platform {
  return {
    id: str(row.id),
    issuer: str(row.issuer),
    clientId: str(row.client_id),
    name: str(row.name),
    authUrl: str(row.auth_url),
    tokenUrl: str(row.token_url),
    jwksUrl: str(row.jwks_url),
    status: str(row.status) as PlatformStatus,
    createdAt: date(row.created_at),
  };
}

function toDeployment(row: Row): Deployment {
  return {
    id: str(row.id),
    platformId: str(row.platform_id),
    deploymentId: str(row.deployment_id),
    organisationId: str(row.organisation_id),
  };
}

export class KnexTenantStore implements TenantStore {
  constructor(private readonly db: Db) {}

  async addPlatform(input: NewPlatform): Promise<Platform> {
    const [row] = (await guarded(`The platform ${input.issuer} with client id ${input.clientId}`, () =>
      this.db('platforms')
        .insert({
          issuer: input.issuer,
          client_id: input.clientId,
          name: input.name,
          auth_url: input.authUrl,
          token_url: input.tokenUrl,
          jwks_url: input.jwksUrl,
          status: input.status,
        })
        .returning('*'),
    )) as Row[];
    return toPlatform(row!);
  }

  async getPlatform(id: string): Promise<Platform> {
    const row = isUuid(id)
      ? ((await this.db('platforms').where({ id }).first()) as Row | undefined)
      : undefined;
    if (!row) throw notFound('Platform', id);
    return toPlatform(row);
  }

  async findPlatform(issuer: string, clientId: string): Promise<Platform | null> {
    const row = (await this.db('platforms').where({ issuer, client_id: clientId }).first()) as
      Row | undefined;
    return row ? toPlatform(row) : null;
  }

  async listPlatforms(): Promise<Platform[]> {
    return ((await this.db('platforms').orderBy('created_at')) as Row[]).map(toPlatform);
  }

  async approvePlatform(id: string): Promise<Platform> {
    const platform = await this.getPlatform(id);
    const [row] = (await this.db('platforms')
      .where({ id: platform.id })
      .update({ status: 'approved' })
      .returning('*')) as Row[];
    return toPlatform(row!);
  }

  async removePlatform(id: string): Promise<void> {
    const platform = await this.getPlatform(id);
    await this.db('platforms').where({ id: platform.id }).delete();
  }

  async addDeployment(platformId: string, deploymentId: string, organisationId: string): Promise<Deployment> {
    const platform = await this.getPlatform(platformId);
    const existing = (await this.db('deployments')
      .where({ platform_id: platform.id, deployment_id: deploymentId })
      .first()) as Row | undefined;
    if (existing) {
      if (str(existing.organisation_id) !== organisationId) {
        throw new AppError(
          'STORE_RECORD_CONFLICT',
          `Deployment ${deploymentId} of ${platform.issuer} already belongs to another organisation.`,
        );
      }
      return toDeployment(existing);
    }
    const [row] = (await guarded(`The deployment ${deploymentId}`, () =>
      this.db('deployments')
        .insert({ platform_id: platform.id, deployment_id: deploymentId, organisation_id: organisationId })
        .returning('*'),
    )) as Row[];
    return toDeployment(row!);
  }

  async listDeployments(platformId: string): Promise<Deployment[]> {
    if (!isUuid(platformId)) return [];
    return (
      (await this.db('deployments').where({ platform_id: platformId }).orderBy('created_at')) as Row[]
    ).map(toDeployment);
  }

  async resolve(key: TenantKey): Promise<ResolvedTenant> {
    const row = (await this.db('deployments as d')
      .join('platforms as p', 'p.id', 'd.platform_id')
      .where({ 'p.issuer': key.issuer, 'p.client_id': key.clientId, 'd.deployment_id': key.deploymentId })
      .select('p.*', 'd.id as d_id', 'd.platform_id', 'd.deployment_id', 'd.organisation_id')
      .first()) as Row | undefined;
    const place = { issuer: key.issuer, clientId: key.clientId, deploymentId: key.deploymentId };
    if (!row) {
      throw new AppError(
        'STORE_TENANT_UNKNOWN',
        `No registration for issuer ${key.issuer}, client id ${key.clientId}, deployment ${key.deploymentId}.`,
        place,
      );
    }
    const platform = toPlatform(row);
    if (platform.status !== 'approved') {
      throw new AppError(
        'STORE_TENANT_PENDING',
        `The registration of ${key.issuer} (client id ${key.clientId}) waits for approval.`,
        place,
      );
    }
    return { platform, deployment: toDeployment({ ...row, id: row.d_id }) };
  }
}
