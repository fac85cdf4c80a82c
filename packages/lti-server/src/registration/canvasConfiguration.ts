import { LTI_MESSAGE_TYPES } from '@kompetenta/core';
import { TOOL_DESCRIPTION, TOOL_SCOPES, TOOL_TITLE, toolUrls } from './toolDescription';

/** Canvas's name for its own platform in `extensions` (Canvas developer key JSON). */
const CANVAS_PLATFORM = 'canvas.instructure.com';

/**
 * The Canvas developer-key JSON configuration (Canvas "LTI 1.3 Configuration" by URL): an admin
 * pastes `/lti/canvas.json` into a new LTI key. Teachers place courses through the two Deep
 * Linking placements; course navigation opens the tool from the course menu (off by default:
 * such a link has no course until Deep Linking gives it one).
 */
export function canvasConfiguration(publicUrl: string): Record<string, unknown> {
  const urls = toolUrls(publicUrl);
  const deepLinking = (placement: string) => ({
    placement,
    message_type: LTI_MESSAGE_TYPES.deepLinkingRequest,
    target_link_uri: urls.launch,
    text: TOOL_TITLE,
  });
  return {
    title: TOOL_TITLE,
    description: TOOL_DESCRIPTION,
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    public_jwk_url: urls.keys,
    scopes: [...TOOL_SCOPES],
    extensions: [
      {
        domain: urls.domain,
        tool_id: 'kompetenta',
        platform: CANVAS_PLATFORM,
        // public: Canvas sends name and e-mail, which the course overview and reports need.
        privacy_level: 'public',
        settings: {
          text: TOOL_TITLE,
          placements: [
            deepLinking('link_selection'),
            deepLinking('assignment_selection'),
            {
              placement: 'course_navigation',
              message_type: LTI_MESSAGE_TYPES.resourceLink,
              target_link_uri: urls.launch,
              text: TOOL_TITLE,
              default: 'disabled',
            },
          ],
        },
      },
    ],
    // The course travels per link (set by Deep Linking), never tool-wide.
    custom_fields: {},
  };
}
