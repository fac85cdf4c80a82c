import { LTI_SCOPES } from '@kompetenta/core';
import { LTI_PATHS } from '@kompetenta/lti-server';

/** The values an LMS administrator pastes, for one PUBLIC_URL. */
export interface ToolValues {
  readonly publicUrl: string;
  /** Moodle "Tool URL" for LTI Advantage (Dynamic Registration). */
  readonly registrationUrl: string;
  /** Canvas developer key, method "Enter URL". */
  readonly canvasConfigurationUrl: string;
  /** OIDC login / initiate login URL. */
  readonly loginUrl: string;
  /** Target link URI, redirect URI and Deep Linking URL: one launch endpoint for all. */
  readonly launchUrl: string;
  readonly deepLinkingUrl: string;
  /** The tool's public keyset (JWKS) URL. */
  readonly jwksUrl: string;
  readonly domain: string;
  /** The LTI Advantage scopes the tool asks for, as the running tool publishes them. */
  readonly scopes: readonly string[];
}

/** What a running tool serves at /lti/canvas.json, the fields compared here. */
interface CanvasConfiguration {
  oidc_initiation_url?: unknown;
  target_link_uri?: unknown;
  public_jwk_url?: unknown;
  scopes?: unknown;
  extensions?: { domain?: unknown; privacy_level?: unknown }[];
}

/** The URLs under `publicUrl`, from the tool's own route table (LTI_PATHS), so they cannot drift. */
export function toolUrls(publicUrl: string): Omit<ToolValues, 'scopes'> {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    publicUrl: base,
    registrationUrl: `${base}${LTI_PATHS.register}`,
    canvasConfigurationUrl: `${base}${LTI_PATHS.canvasConfig}`,
    loginUrl: `${base}${LTI_PATHS.login}`,
    launchUrl: `${base}${LTI_PATHS.launch}`,
    deepLinkingUrl: `${base}${LTI_PATHS.launch}`,
    jwksUrl: `${base}${LTI_PATHS.keys}`,
    domain: new URL(base).host,
  };
}

/**
 * Asks the running tool: fetches /lti/canvas.json and /lti/keys and checks that they agree with
 * the URLs above (a tool started with another PUBLIC_URL, or a proxy rewriting paths, shows up
 * here). Returns the values with the scopes the tool publishes; throws naming every difference.
 */
export async function askRunningTool(publicUrl: string): Promise<ToolValues> {
  const urls = toolUrls(publicUrl);
  const canvas = (await getJson(urls.canvasConfigurationUrl)) as CanvasConfiguration;
  const served = {
    loginUrl: canvas.oidc_initiation_url,
    launchUrl: canvas.target_link_uri,
    jwksUrl: canvas.public_jwk_url,
    domain: canvas.extensions?.[0]?.domain,
  };
  const differences = Object.entries(served)
    .filter(([key, value]) => urls[key as keyof typeof served] !== value)
    .map(
      ([key, value]) =>
        `${key}: the tool serves ${JSON.stringify(value)}, expected ${urls[key as keyof typeof served]}`,
    );
  const keys = (await getJson(urls.jwksUrl)) as { keys?: unknown };
  if (!Array.isArray(keys.keys) || keys.keys.length === 0) differences.push(`${urls.jwksUrl} has no keys`);
  if (differences.length > 0) {
    throw new Error(
      `The tool at ${urls.publicUrl} does not match its PUBLIC_URL:\n  ${differences.join('\n  ')}`,
    );
  }
  const scopes = Array.isArray(canvas.scopes) ? canvas.scopes.map(String) : [];
  return { ...urls, scopes };
}

/** A person's name for each scope, in the LMS's words. */
export function serviceName(scope: string): string {
  const names: Record<string, string> = {
    [LTI_SCOPES.agsLineItem]: 'Assignment and Grade Services: line items (grade columns)',
    [LTI_SCOPES.agsLineItemReadOnly]: 'Assignment and Grade Services: line items, read only',
    [LTI_SCOPES.agsResultReadOnly]: 'Assignment and Grade Services: results, read only',
    [LTI_SCOPES.agsScore]: 'Assignment and Grade Services: scores (grades to the gradebook)',
    [LTI_SCOPES.nrpsMembershipReadOnly]: 'Names and Role Provisioning Services (course roster)',
  };
  return names[scope] ?? scope;
}

async function getJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new Error(
      `No tool answers at ${url} (${error instanceof Error ? error.message : String(error)}). Is Kompetenta running with this PUBLIC_URL?`,
    );
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
