/**
 * The LTI tenancy key. Canvas and Blackboard use one issuer for all customers, so a platform is
 * never picked by issuer alone: (issuer, clientId) names a registration, and each deployment of it
 * maps to exactly one organisation.
 */
export interface TenantKey {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
}

export type PlatformStatus = 'pending' | 'approved';

/** An LMS registration (one per issuer + client id). */
export interface Platform {
  readonly id: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly name: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
  readonly status: PlatformStatus;
  readonly createdAt: Date;
}

export interface NewPlatform {
  readonly issuer: string;
  readonly clientId: string;
  readonly name: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
  readonly status: PlatformStatus;
}

/** A deployment of a platform, bound to the organisation whose data it may touch. */
export interface Deployment {
  readonly id: string;
  readonly platformId: string;
  readonly deploymentId: string;
  readonly organisationId: string;
}

/** What a launch resolves to once its tenancy key is accepted. */
export interface ResolvedTenant {
  readonly platform: Platform;
  readonly deployment: Deployment;
}
