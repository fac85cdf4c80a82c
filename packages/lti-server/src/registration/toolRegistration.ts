import { LTI_CONTENT_ITEM_TYPES, LTI_MESSAGE_TYPES, LTI_REGISTRATION } from '@kompetenta/core';
import { TOOL_CLAIMS, TOOL_DESCRIPTION, TOOL_SCOPES, TOOL_TITLE, toolUrls } from './toolDescription';

/**
 * The tool's client registration (Dynamic Registration §3.5.2, OpenID Connect Dynamic Client
 * Registration): an LTI web client that logs in by implicit flow and calls services with
 * client credentials signed by the key at /lti/keys, launching resource links and Deep Linking.
 */
export function toolRegistration(publicUrl: string): Record<string, unknown> {
  const urls = toolUrls(publicUrl);
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: TOOL_TITLE,
    jwks_uri: urls.keys,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: TOOL_SCOPES.join(' '),
    [LTI_REGISTRATION.toolConfiguration]: {
      domain: urls.domain,
      description: TOOL_DESCRIPTION,
      target_link_uri: urls.launch,
      // Tool-wide custom parameters stay empty: `course` is set per link by Deep Linking.
      custom_parameters: {},
      claims: [...TOOL_CLAIMS],
      messages: [
        { type: LTI_MESSAGE_TYPES.resourceLink, target_link_uri: urls.launch, label: TOOL_TITLE },
        {
          type: LTI_MESSAGE_TYPES.deepLinkingRequest,
          target_link_uri: urls.launch,
          label: TOOL_TITLE,
          placements: ['ContentArea'],
          supported_types: [LTI_CONTENT_ITEM_TYPES.resourceLink],
        },
      ],
    },
  };
}
