/** API tokens of the export endpoints. */
export const tokenErrors = {
  TOKEN_BEARER_MISSING: {
    httpStatus: 401,
    message: 'This address needs an API token: send Authorization: Bearer <token>.',
  },
  TOKEN_SECRET_UNKNOWN: { httpStatus: 401, message: 'The API token is not known.' },
  TOKEN_ACCESS_REVOKED: { httpStatus: 401, message: 'The API token has been revoked.' },
  TOKEN_NAME_INVALID: {
    httpStatus: 400,
    message: 'A token name is 1 to 100 characters of text.',
  },
} as const;
