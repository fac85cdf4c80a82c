/** Course source, build and packaging errors (course-builder, `kompetenta build|validate|preview`). */
export const courseErrors = {
  COURSE_NOT_FOUND: { httpStatus: 404, message: 'The course does not exist in the courses folder.' },
  COURSE_SOURCE_INVALID: { httpStatus: 400, message: 'The course source has problems; see the list.' },
  COURSE_TRACKING_INVALID: {
    httpStatus: 500,
    message: 'tracking.yaml cannot be read or would renumber an id.',
  },
  COURSE_BUILD_OPTIONS_INVALID: {
    httpStatus: 400,
    message: 'buildCourse was called without a valid output folder or list of SCORM versions.',
  },
  COURSE_PACKAGE_WRITE_FAILED: { httpStatus: 500, message: 'The course package could not be written.' },
  COURSE_PREVIEW_FAILED: { httpStatus: 500, message: 'The preview server could not start.' },
} as const;
