/** SCORM packaging and run-time data errors. */
export const scormErrors = {
  SCORM_VERSION_UNKNOWN: { httpStatus: 400, message: 'The SCORM version is not scorm12 or scorm2004.' },
  SCORM_MANIFEST_INVALID: {
    httpStatus: 500,
    message: 'The generated imsmanifest.xml breaks a SCORM packaging rule.',
  },
} as const;
