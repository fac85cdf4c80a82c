import express, { Router, type Request, type Response } from 'express';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import { LTI_SCOPES } from '@kompetenta/core';
import { renderAutoPostForm } from './autoPostForm';
import type { EmulatedUser, LaunchPlan } from './idTokens';

/** What the routes need from the emulator. */
export interface EmulatorState {
  readonly issuer: string;
  readonly clientId: string;
  readonly tokenUrl: string;
  jwks(): JSONWebKeySet;
  plan(loginHint: string): LaunchPlan | undefined;
  idToken(plan: LaunchPlan, nonce: string, targetLinkUri: string): Promise<string>;
  toolJwks(): Promise<JSONWebKeySet>;
  roster(): readonly EmulatedUser[];
  /** Keeps a verified Deep Linking response. */
  deepLinkReceived(payload: JWTPayload): void;
  /** Told about each access token the token endpoint hands out (the AGS endpoint checks them). */
  tokenIssued?(token: string, scopes: readonly string[]): void;
  /** The page shown after a verified Deep Linking response (the development UI lists the links). */
  readonly deepLinkReturnPage?: ((payload: JWTPayload) => string) | undefined;
}

function fail(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

function param(req: Request, name: string): string | undefined {
  const source = {
    ...(req.query as Record<string, unknown>),
    ...((req.body ?? {}) as Record<string, unknown>),
  };
  const value = source[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The emulator's endpoints: JWKS, OIDC authorization, OAuth 2 token (client credentials), the
 * Deep Linking return URL, NRPS.
 */
export function createEmulatorRoutes(state: EmulatorState): Router {
  const router = Router();
  const accessTokens = new Map<string, string[]>();
  router.use(express.urlencoded({ extended: false }));

  router.get('/jwks', (_req, res) => {
    res.json(state.jwks());
  });

  // OIDC authorization endpoint (Security Framework §5.1.1.2): checks the tool's request as a
  // platform must, then answers with an auto-posting form carrying the id_token and the state.
  router.all('/auth', (req, res, next) => {
    const expected: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: state.clientId,
    };
    for (const [name, value] of Object.entries(expected)) {
      if (param(req, name) !== value) return fail(res, 400, 'invalid_request', `${name} must be ${value}`);
    }
    const redirectUri = param(req, 'redirect_uri');
    const loginHint = param(req, 'login_hint');
    const nonce = param(req, 'nonce');
    const stateParam = param(req, 'state');
    if (!redirectUri || !loginHint || !nonce || !stateParam)
      return fail(res, 400, 'invalid_request', 'redirect_uri, login_hint, nonce and state are required');
    const plan = state.plan(loginHint);
    if (!plan) return fail(res, 400, 'login_required', `no user for login_hint ${loginHint}`);
    state
      .idToken(plan, nonce, redirectUri)
      .then((idToken) => {
        res.type('html').send(renderAutoPostForm(redirectUri, { id_token: idToken, state: stateParam }));
      })
      .catch(next);
  });

  // Client credentials with a signed JWT assertion (Security Framework §4.1).
  router.post('/token', (req, res, next) => {
    const assertion = param(req, 'client_assertion');
    if (param(req, 'grant_type') !== 'client_credentials' || !assertion)
      return fail(res, 400, 'invalid_request', 'client_credentials with a client_assertion is required');
    state
      .toolJwks()
      .then((jwks) =>
        jwtVerify(assertion, createLocalJWKSet(jwks), {
          algorithms: ['RS256'],
          issuer: state.clientId,
          subject: state.clientId,
          audience: state.tokenUrl,
        }),
      )
      .then(
        () => {
          const token = randomBytes(24).toString('base64url');
          const scopes = (param(req, 'scope') ?? '').split(' ').filter(Boolean);
          accessTokens.set(token, scopes);
          state.tokenIssued?.(token, scopes);
          res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: scopes.join(' ') });
        },
        (error: unknown) => fail(res, 401, 'invalid_client', String(error)),
      )
      .catch(next);
  });

  // Deep Linking return URL (Deep Linking 2.0 §4.5): the tool's response JWT, checked as a
  // platform must — signed by the tool's published key, from our client id, to our issuer.
  router.post('/deep-link-return', (req, res, next) => {
    const jwt = param(req, 'JWT');
    if (!jwt) return fail(res, 400, 'invalid_request', 'the JWT form field is required');
    state
      .toolJwks()
      .then((jwks) =>
        jwtVerify(jwt, createLocalJWKSet(jwks), {
          algorithms: ['RS256'],
          issuer: state.clientId,
          audience: state.issuer,
          requiredClaims: ['iat', 'exp', 'nonce'],
        }),
      )
      .then(
        ({ payload }) => {
          state.deepLinkReceived(payload);
          res
            .type('html')
            .send(
              state.deepLinkReturnPage?.(payload) ??
                '<!doctype html><html lang="sv"><title>Mottaget</title><h1>Mottaget</h1></html>',
            );
        },
        (error: unknown) => fail(res, 401, 'invalid_token', String(error)),
      )
      .catch(next);
  });

  router.get('/nrps/:contextId', (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !accessTokens.get(token)?.includes(LTI_SCOPES.nrpsMembershipReadOnly))
      return fail(res, 401, 'invalid_token', 'a token with the NRPS scope is required');
    res.type('application/vnd.ims.lti-nrps.v2.membershipcontainer+json').json({
      id: `${state.issuer}/nrps/${req.params.contextId}`,
      context: { id: req.params.contextId },
      members: state.roster().map((user) => ({
        status: 'Active',
        user_id: user.sub,
        name: user.name,
        email: user.email,
        roles: [...user.roles],
      })),
    });
  });
  return router;
}
