/** Configuration, CLI and HTTP-boundary errors. */
export const appErrors = {
  APP_CONFIG_INVALID: { httpStatus: 500, message: 'The configuration is not valid.' },
  APP_USAGE_INVALID: { httpStatus: 400, message: 'The command was not used correctly.' },
  APP_PORT_IN_USE: { httpStatus: 500, message: 'The port is already in use.' },
  APP_REQUEST_INVALID: { httpStatus: 400, message: 'The request is not valid.' },
  APP_REQUEST_TOO_LARGE: {
    httpStatus: 413,
    message: 'The request body is larger than this address accepts.',
  },
  APP_ROUTE_NOT_FOUND: { httpStatus: 404, message: 'There is no page at this address.' },
  APP_INTERNAL_ERROR: { httpStatus: 500, message: 'Something went wrong on our side.' },
} as const;
