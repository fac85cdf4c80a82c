/**
 * What the tool remembers between the OIDC login initiation and the launch (LTI Security
 * Framework §5.1.1): the state and the nonce it issued, for which registration, and a hash of the
 * secret it put in the browser's cookie, so the launch is accepted only from that browser.
 */
export interface LtiLoginState {
  readonly state: string;
  readonly nonce: string;
  /** SHA-256 (hex) of the browser binding secret; the secret itself is only in the cookie. */
  readonly browserBindingHash: string;
  readonly platformId: string;
  readonly issuer: string;
  readonly clientId: string;
  /** `lti_deployment_id` of the login request, when the platform sent one. */
  readonly deploymentId: string | null;
  readonly targetLinkUri: string;
  readonly expiresAt: Date;
}

/** The tool's own RSA signing key, as public and private JWKs (RFC 7517). */
export interface ToolKey {
  readonly kid: string;
  readonly publicJwk: Readonly<Record<string, unknown>>;
  readonly privateJwk: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}
