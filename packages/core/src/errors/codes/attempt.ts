/** The player's commit API and attempt tokens (issue 6, docs/reference/http-api.md). */
export const attemptErrors = {
  ATTEMPT_TOKEN_INVALID: {
    httpStatus: 401,
    message: 'The attempt token is missing or not valid; open the course from the learning platform again.',
  },
  ATTEMPT_TOKEN_EXPIRED: {
    httpStatus: 401,
    message: 'The attempt token has expired; open the course from the learning platform again.',
  },
  ATTEMPT_TOKEN_MISMATCH: { httpStatus: 403, message: 'The attempt token is for another attempt.' },
  ATTEMPT_NOT_FOUND: { httpStatus: 404, message: 'There is no such attempt.' },
  ATTEMPT_COMMIT_TOO_LARGE: { httpStatus: 413, message: 'The commit is larger than 256 kB.' },
  ATTEMPT_COMMIT_MEDIA_UNSUPPORTED: {
    httpStatus: 415,
    message: 'A commit is sent as application/json or text/plain (the same JSON text).',
  },
  ATTEMPT_COMMIT_MALFORMED: {
    httpStatus: 400,
    message: 'The commit is not {"seq": <positive integer>, "cmi": {...}} JSON.',
  },
  ATTEMPT_CMI_INVALID: {
    httpStatus: 422,
    message: 'The commit has CMI values the data model does not allow.',
  },
} as const;
