/** The SCORM versions Kompetenta packages and plays. */
export const scormVersions = ['scorm12', 'scorm2004'] as const;
/**
 * A SCORM version as packaging names it: `scorm12` (SCORM 1.2) or `scorm2004` (SCORM 2004 4th
 * Edition). Core stores the same versions as `'1.2' | '2004'`, see {@link CmiVersion}.
 */
export type ScormVersion = (typeof scormVersions)[number];

/** Narrows a string (e.g. a CLI option) to a ScormVersion. */
export function isScormVersion(value: string): value is ScormVersion {
  return (scormVersions as readonly string[]).includes(value);
}

/**
 * The version of an attempt as stored by core (`'1.2' | '2004'`) or as the packaging code names it
 * (`'scorm12' | 'scorm2004'`): the run-time functions accept both, so neither side converts.
 */
export type CmiVersion = ScormVersion | '1.2' | '2004';

/** True for SCORM 1.2 in either spelling. */
export function isScorm12(version: CmiVersion): boolean {
  return version === 'scorm12' || version === '1.2';
}
