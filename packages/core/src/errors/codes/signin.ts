/** Sign-in links, invitations and the sign-in request form. */
export const signinErrors = {
  SIGNIN_LINK_INVALID: { httpStatus: 404, message: 'The sign-in link is not known.' },
  SIGNIN_LINK_USED: { httpStatus: 410, message: 'The sign-in link has already been used.' },
  SIGNIN_LINK_EXPIRED: { httpStatus: 410, message: 'The sign-in link has expired.' },
  SIGNIN_RATE_LIMITED: { httpStatus: 429, message: 'Too many sign-in requests. Wait a while and try again.' },
  SIGNIN_EMAIL_INVALID: { httpStatus: 400, message: 'Write an e-mail address such as namn@example.se.' },
  SIGNIN_INVITATIONS_INVALID: {
    httpStatus: 400,
    message: 'The list of people to invite has problems; nothing was imported.',
  },
} as const;
