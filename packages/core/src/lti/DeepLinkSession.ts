/**
 * A Deep Linking request the tool has accepted and is showing the picker for. Its `token` goes
 * into the picker form: the form is accepted only with a token the tool issued for a verified
 * launch, once, before `expiresAt` (a CSRF token bound to the launch).
 */
export interface DeepLinkSession {
  readonly token: string;
  readonly platformId: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly organisationId: string;
  /** `deep_link_return_url` of the deep linking settings. */
  readonly returnUrl: string;
  /** `data` of the settings, echoed back unchanged in the response; null when absent. */
  readonly data: string | null;
  /** Whether the platform accepts more than one content item. */
  readonly acceptMultiple: boolean;
  readonly expiresAt: Date;
}
