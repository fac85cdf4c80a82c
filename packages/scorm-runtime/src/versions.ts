/** The SCORM versions Kompetenta packages and plays. */
export const scormVersions = ['scorm12', 'scorm2004'] as const;
export type ScormVersion = (typeof scormVersions)[number];

/** Narrows a string (e.g. a CLI option) to a ScormVersion. */
export function isScormVersion(value: string): value is ScormVersion {
  return (scormVersions as readonly string[]).includes(value);
}
