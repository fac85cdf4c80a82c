/** Reports, exports and their suppression. */
export const reportErrors = {
  REPORT_THRESHOLD_INVALID: {
    httpStatus: 400,
    message: 'The suppression threshold must be a whole number of at least 3.',
  },
  REPORT_NAME_UNKNOWN: { httpStatus: 400, message: 'There is no report with that name.' },
  REPORT_FORMAT_UNKNOWN: { httpStatus: 400, message: 'The export format must be csv or xlsx.' },
  REPORT_FILTER_INVALID: { httpStatus: 400, message: 'A report filter value is not valid.' },
  REPORT_PSEUDONYM_KEY_MISSING: {
    httpStatus: 500,
    message: 'Per-participant exports need a pseudonymisation key of at least 32 characters.',
  },
  REPORT_SCOPE_FORBIDDEN: {
    httpStatus: 403,
    message: "You can see only your own organisation's data.",
  },
  REPORT_RATE_LIMITED: { httpStatus: 429, message: 'Too many export requests; wait a minute and try again.' },
} as const;
