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

/**
 * Whether staff have accepted a registration: launches from a `pending` platform are refused with
 * STORE_TENANT_PENDING until it is `approved`.
 */
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

/**
 * A platform registration to store: the issuer and client id the LMS uses, a display name, and the
 * LMS's OIDC login (`authUrl`), OAuth 2 token and JWKS endpoints (absolute URLs).
 */
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
