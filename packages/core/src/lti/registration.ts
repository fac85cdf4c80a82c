/**
 * The strings of LTI Dynamic Registration 1.0 (IMS Final Release), named once: the extension
 * members of the platform's OpenID configuration and of the tool's client registration, and the
 * postMessage subject that tells the platform the registration window may close.
 */
export const LTI_REGISTRATION = {
  /** Member of the platform's OpenID configuration (Dynamic Registration §3.4). */
  platformConfiguration: 'https://purl.imsglobal.org/spec/lti-platform-configuration',
  /** Member of the tool's client registration and of the platform's answer (§3.5.2, §3.6). */
  toolConfiguration: 'https://purl.imsglobal.org/spec/lti-tool-configuration',
  /** `subject` of the message posted to the opener or parent window when done (§3.7). */
  closeMessageSubject: 'org.imsglobal.lti.close',
} as const;
