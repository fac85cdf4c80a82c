/**
 * Grade delivery to the LMS gradebook (AGS score service, issue 6). The grade worker retries
 * `GRADE_PLATFORM_UNAVAILABLE`; the others carry `details.permanent: true`, so the outbox marks
 * the message failed for staff to see (`kompetenta outbox list --status failed`).
 */
export const gradeErrors = {
  GRADE_PAYLOAD_INVALID: {
    httpStatus: 500,
    message: 'A grade message in the outbox is not a score that can be sent.',
  },
  GRADE_PLATFORM_REMOVED: {
    httpStatus: 410,
    message: 'The learning platform the grade is for is no longer registered.',
  },
  GRADE_PLATFORM_UNAVAILABLE: {
    httpStatus: 503,
    message: 'The learning platform could not take the grade now; it will be sent again later.',
  },
  GRADE_SCORE_REJECTED: {
    httpStatus: 502,
    message: 'The learning platform refused the grade.',
  },
  GRADE_TOKEN_REFUSED: {
    httpStatus: 502,
    message: 'The learning platform refused the tool an access token for sending grades.',
  },
} as const;
