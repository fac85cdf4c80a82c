/** LTI 1.3 login, launch and registration errors. Each one is shown to a person on an accessible page. */
export const ltiErrors = {
  LTI_LOGIN_INVALID: {
    httpStatus: 400,
    message: 'The LTI login request is missing a parameter or has one that is not valid.',
  },
  LTI_PLATFORM_UNKNOWN: {
    httpStatus: 403,
    message: 'This learning platform is not registered with Kompetenta.',
  },
  LTI_REGISTRATION_PENDING: {
    httpStatus: 403,
    message: 'The registration of this learning platform waits for approval.',
  },
  LTI_REGISTRATION_INVALID: { httpStatus: 400, message: 'The platform registration is not valid.' },
  LTI_DEPLOYMENT_UNKNOWN: {
    httpStatus: 403,
    message: 'This deployment of the tool is not registered with Kompetenta.',
  },
  LTI_STATE_UNKNOWN: {
    httpStatus: 400,
    message:
      'The launch does not belong to a login this tool started, or it was already used or has expired.',
  },
  LTI_STATE_BROWSER_MISMATCH: {
    httpStatus: 403,
    message: 'The launch arrived in another browser than the one that started the login.',
  },
  LTI_TOKEN_MISSING: { httpStatus: 400, message: 'The launch has no id_token or no state.' },
  LTI_TOKEN_INVALID: { httpStatus: 401, message: 'The launch token is not valid.' },
  LTI_TOKEN_EXPIRED: { httpStatus: 401, message: 'The launch token has expired.' },
  LTI_TOKEN_KEY_UNKNOWN: {
    httpStatus: 401,
    message: 'The launch token is signed with a key the platform does not publish.',
  },
  LTI_NONCE_MISMATCH: {
    httpStatus: 401,
    message: 'The launch token does not carry the nonce this tool issued for the login.',
  },
  LTI_CLAIMS_INVALID: {
    httpStatus: 400,
    message: 'The launch token lacks required LTI claims or has invalid ones.',
  },
  LTI_MESSAGE_TYPE_UNSUPPORTED: {
    httpStatus: 400,
    message: 'The launch is of an LTI message type this tool does not accept here.',
  },
  LTI_VERSION_UNSUPPORTED: { httpStatus: 400, message: 'The launch is not LTI version 1.3.0.' },
  LTI_COURSE_CHOICE_INVALID: {
    httpStatus: 400,
    message: 'The course choice form is expired or did not come from Kompetenta.',
  },
  LTI_COURSE_UNKNOWN: { httpStatus: 404, message: 'The course the link names does not exist in Kompetenta.' },
  LTI_EVENT_UNKNOWN: { httpStatus: 404, message: 'The event the link names does not exist in Kompetenta.' },
  LTI_PLATFORM_KEYS_UNREACHABLE: {
    httpStatus: 502,
    message: "The platform's public keys could not be fetched.",
  },
  LTI_PLATFORM_SERVICE_FAILED: {
    httpStatus: 502,
    message: 'A service of the learning platform (token, roster, grades) did not answer as expected.',
  },
  LTI_ENCRYPTION_KEY_INVALID: {
    httpStatus: 500,
    message: 'The key that encrypts LTI secrets at rest is not valid.',
  },
  LTI_DEEP_LINKING_SESSION_UNKNOWN: {
    httpStatus: 403,
    message:
      'The course picker form was not issued by this tool for a deep linking launch, was already used, or has expired.',
  },
  LTI_DEEP_LINKING_SELECTION_INVALID: {
    httpStatus: 422,
    message:
      'No course was picked, or a picked course is unknown, or more were picked than the platform accepts.',
  },
  LTI_REGISTRATION_REQUEST_INVALID: {
    httpStatus: 400,
    message: 'The dynamic registration request lacks a valid openid_configuration URL.',
  },
  LTI_REGISTRATION_ISSUER_MISMATCH: {
    httpStatus: 400,
    message: "The platform's issuer is not on the host of the openid_configuration URL it was fetched from.",
  },
  LTI_REGISTRATION_CONFIG_INVALID: {
    httpStatus: 400,
    message: "The platform's OpenID configuration lacks members dynamic registration needs.",
  },
  LTI_REGISTRATION_FAILED: {
    httpStatus: 502,
    message: "The platform's OpenID configuration or registration endpoint did not answer as expected.",
  },
  LTI_ROUTER_OPTIONS_INVALID: {
    httpStatus: 500,
    message: 'createLtiRouter was given options that are not valid.',
  },
} as const;
