import { LTI_MESSAGE_TYPES, LTI_REGISTRATION, LTI_SCOPES } from '@kompetenta/core';
import express, { Router } from 'express';

/** What the Dynamic Registration routes need from the emulator. */
export interface RegistrationState {
  readonly issuer: string;
  /** The issuer the OpenID configuration names: the real one, or another to test the refusal. */
  readonly advertisedIssuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly registrationToken: string;
  registered(body: Record<string, unknown>): void;
}

function bearer(header: string | undefined): string | null {
  return /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? null;
}

/**
 * The platform side of LTI Dynamic Registration 1.0: the OpenID configuration (§3.4) and a
 * registration endpoint (§3.5) that, like Moodle, wants the registration token on both requests,
 * checks the tool's registration and answers with a client id and a deployment id (§3.6).
 */
export function createRegistrationRoutes(state: RegistrationState): Router {
  const router = Router();
  const authorised = (header: string | undefined) => bearer(header) === state.registrationToken;

  router.get('/.well-known/openid-configuration', (req, res) => {
    if (!authorised(req.get('authorization'))) {
      res.status(401).json({ error: 'invalid_token' });
      return;
    }
    res.json({
      issuer: state.advertisedIssuer,
      authorization_endpoint: `${state.issuer}/auth`,
      token_endpoint: `${state.issuer}/token`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      jwks_uri: `${state.issuer}/jwks`,
      registration_endpoint: `${state.issuer}/register`,
      scopes_supported: ['openid', ...Object.values(LTI_SCOPES)],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public', 'pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'aud', 'sub', 'name', 'given_name', 'family_name', 'email'],
      [LTI_REGISTRATION.platformConfiguration]: {
        product_family_code: 'emulator',
        version: '1.0',
        messages_supported: [
          { type: LTI_MESSAGE_TYPES.resourceLink },
          { type: LTI_MESSAGE_TYPES.deepLinkingRequest },
        ],
      },
    });
  });

  router.post('/register', express.json(), (req, res) => {
    if (!authorised(req.get('authorization'))) {
      res.status(401).json({ error: 'invalid_token' });
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lti = body[LTI_REGISTRATION.toolConfiguration];
    const missing = ['initiate_login_uri', 'redirect_uris', 'jwks_uri'].filter((name) => !body[name]);
    if (body.application_type !== 'web' || missing.length > 0 || typeof lti !== 'object' || lti === null) {
      res.status(400).json({ error: 'invalid_client_metadata', missing });
      return;
    }
    state.registered(body);
    res.json({
      ...body,
      client_id: state.clientId,
      [LTI_REGISTRATION.toolConfiguration]: { ...lti, deployment_id: state.deploymentId },
    });
  });
  return router;
}
