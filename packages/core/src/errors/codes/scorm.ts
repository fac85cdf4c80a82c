/** SCORM packaging and run-time data errors. */
export const scormErrors = {
  SCORM_VERSION_UNKNOWN: { httpStatus: 400, message: 'The SCORM version is not scorm12 or scorm2004.' },
  SCORM_MANIFEST_INVALID: {
    httpStatus: 500,
    message: 'The generated imsmanifest.xml breaks a SCORM packaging rule.',
  },
  SCORM_CMI_INVALID: {
    httpStatus: 422,
    message:
      'The commit does not fit the SCORM data model; details.problems lists every element and what is wrong.',
  },
} as const;
