import { LTI_SCOPES } from '@kompetenta/core';
import { LTI_PATHS } from '../LtiRouterOptions';

/** The tool's name and description as LMS admins see them in their tool lists. */
export const TOOL_TITLE = 'Kompetenta';
export const TOOL_DESCRIPTION =
  'Korta utbildningar för handledare och organisationer i den sociala ekonomin, med resultat till betygsboken.';

/**
 * The LTI Advantage scopes the tool uses: grade columns and scores (AGS) and the course roster
 * (NRPS). `lineitem` (not only `lineitem.readonly`) so the tool can create the grade column of a
 * link placed by hand, without Deep Linking.
 */
export const TOOL_SCOPES: readonly string[] = [
  LTI_SCOPES.agsLineItem,
  LTI_SCOPES.agsResultReadOnly,
  LTI_SCOPES.agsScore,
  LTI_SCOPES.nrpsMembershipReadOnly,
];

/** The OpenID claims the tool asks the platform to include (it stores name and e-mail). */
export const TOOL_CLAIMS: readonly string[] = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'];

/** The tool's URLs under the public base URL. */
export function toolUrls(publicUrl: string): { login: string; launch: string; keys: string; domain: string } {
  return {
    login: `${publicUrl}${LTI_PATHS.login}`,
    launch: `${publicUrl}${LTI_PATHS.launch}`,
    keys: `${publicUrl}${LTI_PATHS.keys}`,
    domain: new URL(publicUrl).host,
  };
}
