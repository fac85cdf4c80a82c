/**
 * E-mail errors. `MAIL_DELIVERY_REJECTED` and `MAIL_MESSAGE_INVALID` are permanent (the outbox
 * marks the message failed for staff to see); the others are worth another try.
 */
export const mailErrors = {
  MAIL_CONFIG_INVALID: {
    httpStatus: 500,
    message: 'The mail configuration is not valid (SMTP_URL or MAIL_FROM).',
  },
  MAIL_MESSAGE_INVALID: { httpStatus: 400, message: 'The e-mail to send is not valid.' },
  MAIL_TEMPLATE_MISSING: { httpStatus: 500, message: 'An e-mail template file is missing.' },
  MAIL_DELIVERY_REJECTED: { httpStatus: 502, message: 'The mail server refused the message for good.' },
  MAIL_TRANSPORT_UNAVAILABLE: {
    httpStatus: 503,
    message: 'The mail server cannot be reached or asked to try again later.',
  },
  MAIL_FILE_WRITE_FAILED: {
    httpStatus: 500,
    message: 'The e-mail could not be written to the outbox folder.',
  },
} as const;
