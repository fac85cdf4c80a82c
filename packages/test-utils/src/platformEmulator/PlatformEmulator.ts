import express, { Router } from 'express';
import { LTI_CLAIMS } from '@kompetenta/core';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { generateEmulatorKey, type EmulatorKey } from './emulatorKeys';
import { createEmulatorRoutes } from './emulatorRoutes';
import { createRegistrationRoutes } from './registrationRoutes';
import { createAgsRoutes } from './agsRoutes';
import { EmulatedAgs } from './EmulatedAgs';
import {
  resourceLinkClaims,
  signRs256,
  unsecuredToken,
  type EmulatedUser,
  type LaunchPlan,
} from './idTokens';

/** Settings of an emulated platform; `toolJwks` lets the token endpoint check the tool's assertions. */
export interface PlatformEmulatorOptions {
  readonly clientId?: string;
  readonly deploymentId?: string;
  readonly toolJwks?: () => Promise<JSONWebKeySet>;
  /** The issuer its OpenID configuration names (default: its own), to test the host check. */
  readonly advertisedIssuer?: string;
  /** The page the Deep Linking return URL answers with after a verified response (default: a short note). */
  readonly deepLinkReturnPage?: (payload: JWTPayload) => string;
}

/**
 * An LTI 1.3 platform on a local port, for tests and development: its own RSA key (served as a
 * JWKS), an OIDC authorization endpoint that answers the tool's login with an auto-posted
 * id_token, a client-credentials token endpoint, a Names and Roles endpoint, a Deep Linking return
 * URL, and the OpenID configuration and registration endpoint of Dynamic Registration.
 */
export class PlatformEmulator {
  readonly clientId: string;
  readonly deploymentId: string;
  /** Deep Linking responses the return URL received and verified, oldest first. */
  readonly deepLinkResponses: JWTPayload[] = [];
  /** Tool registrations its registration endpoint accepted, oldest first. */
  readonly registrations: Record<string, unknown>[] = [];
  /** The token an admin's "register tool" link carries; both registration requests need it. */
  readonly registrationToken = randomBytes(16).toString('base64url');
  /** The gradebook behind the AGS score endpoint: line items, scores received, fault injection. */
  readonly ags: EmulatedAgs;
  private readonly plans = new Map<string, LaunchPlan>();
  private published: EmulatorKey[];

  private constructor(
    private readonly server: Server | null,
    readonly issuer: string,
    key: EmulatorKey,
    options: PlatformEmulatorOptions,
  ) {
    this.clientId = options.clientId ?? 'kompetenta-client';
    this.deploymentId = options.deploymentId ?? 'deployment-1';
    this.published = [key];
    this.ags = new EmulatedAgs(this.issuer);
  }

  /** Starts the emulator on a free port of 127.0.0.1. */
  static async start(options: PlatformEmulatorOptions = {}): Promise<PlatformEmulator> {
    const app = express();
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const emulator = new PlatformEmulator(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      await generateEmulatorKey(),
      options,
    );
    app.use(emulator.createRouter(options));
    return emulator;
  }

  /**
   * An emulator without its own server, for mounting in another app at the path of `issuer`
   * (development: `/dev/platform` of Kompetenta itself). `router` holds its endpoints.
   */
  static async mount(
    issuer: string,
    options: PlatformEmulatorOptions = {},
  ): Promise<{ emulator: PlatformEmulator; router: Router }> {
    const emulator = new PlatformEmulator(
      null,
      issuer.replace(/\/+$/, ''),
      await generateEmulatorKey(),
      options,
    );
    return { emulator, router: emulator.createRouter(options) };
  }

  private createRouter(options: PlatformEmulatorOptions): Router {
    const router = Router();
    router.use(
      createRegistrationRoutes({
        issuer: this.issuer,
        advertisedIssuer: options.advertisedIssuer ?? this.issuer,
        clientId: this.clientId,
        deploymentId: this.deploymentId,
        registrationToken: this.registrationToken,
        registered: (body) => this.registrations.push(body),
      }),
    );
    router.use(
      createEmulatorRoutes({
        issuer: this.issuer,
        clientId: this.clientId,
        tokenUrl: this.tokenUrl,
        jwks: () => ({ keys: this.published.map((key) => key.publicJwk) }),
        plan: (loginHint) => this.plans.get(loginHint),
        idToken: (plan, nonce, target) => this.signIdToken(this.launchClaims(plan, nonce, target)),
        toolJwks:
          options.toolJwks ??
          (() => Promise.reject(new Error('the emulator was started without the tool JWKS'))),
        roster: () => [...this.plans.values()].map((plan) => plan.user),
        deepLinkReceived: (payload) => {
          this.deepLinkResponses.push(payload);
          this.ags.fromDeepLinkResponse(payload);
        },
        tokenIssued: (token, scopes) => this.ags.tokenIssued(token, scopes),
        deepLinkReturnPage: options.deepLinkReturnPage,
      }),
    );
    router.use(createAgsRoutes(this.ags));
    return router;
  }

  get authUrl(): string {
    return `${this.issuer}/auth`;
  }
  get tokenUrl(): string {
    return `${this.issuer}/token`;
  }
  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }
  get openIdConfigurationUrl(): string {
    return `${this.issuer}/.well-known/openid-configuration`;
  }
  get deepLinkReturnUrl(): string {
    return `${this.issuer}/deep-link-return`;
  }
  nrpsUrl(contextId: string): string {
    return `${this.issuer}/nrps/${contextId}`;
  }

  /** Decides what the authorization endpoint signs for `loginHint`. */
  prepareLaunch(loginHint: string, plan: LaunchPlan): void {
    this.plans.set(loginHint, plan);
  }

  /** The claims of a launch for this platform: a resource link, or a Deep Linking request. */
  launchClaims(plan: LaunchPlan, nonce: string, targetLinkUri: string): JWTPayload {
    const claims = resourceLinkClaims(
      {
        issuer: this.issuer,
        clientId: this.clientId,
        deploymentId: this.deploymentId,
        deepLinkReturnUrl: this.deepLinkReturnUrl,
      },
      plan,
      nonce,
      targetLinkUri,
    );
    // A resource link with a line item carries the AGS endpoint claim, unless the plan sets one.
    const ags = this.ags.endpointClaim(plan.resourceLinkId ?? 'resource-link-1');
    if (ags && !plan.deepLinking && !(LTI_CLAIMS.agsEndpoint in (plan.claims ?? {})))
      claims[LTI_CLAIMS.agsEndpoint] = ags;
    return claims;
  }

  /** Signs with the published key (default), or with a key nobody publishes. */
  async signIdToken(
    claims: JWTPayload,
    how: { with?: 'published' | 'unpublished' | 'forged' } = {},
  ): Promise<string> {
    const current = this.published[this.published.length - 1]!;
    if (how.with === 'unpublished') return signRs256(claims, await generateEmulatorKey());
    // A forged signature: another private key under the published kid.
    if (how.with === 'forged') return signRs256(claims, await generateEmulatorKey(), current.kid);
    return signRs256(claims, current);
  }

  /** An `alg: none` token with these claims. */
  unsignedIdToken(claims: JWTPayload): string {
    return unsecuredToken(claims);
  }

  /** Rotates to a new signing key, still publishing the old one, as platforms do. */
  async rotateKey(): Promise<void> {
    this.published = [...this.published, await generateEmulatorKey()];
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve(); // mounted: the host app's server stops
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}

export type { EmulatedUser, LaunchPlan };
