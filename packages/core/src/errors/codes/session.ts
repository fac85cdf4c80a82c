/** Browser sessions of standalone learners, organisation admins and programme staff. */
export const sessionErrors = {
  SESSION_COOKIE_MISSING: { httpStatus: 401, message: 'Sign in to open this page.' },
  SESSION_ACCESS_DENIED: { httpStatus: 403, message: 'Your sign-in does not give access to this page.' },
  SESSION_CSRF_INVALID: {
    httpStatus: 403,
    message:
      'The form was not sent from a page of this service, or the page was too old. Reload it and try again.',
  },
} as const;
