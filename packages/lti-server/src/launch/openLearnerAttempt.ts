import type { Attempt, CourseVersion, Stores } from '@kompetenta/core';

/** Who opens which course, from which link. */
export interface AttemptOpening {
  readonly organisationId: string;
  readonly personId: string;
  /** The latest version of the course: what a new or resumed attempt plays. */
  readonly course: CourseVersion;
  /** Our `lti_resource_links` row: the attempt's grade target from now on. */
  readonly ltiResourceLinkId: string | null;
  /** The platform's resource link id. */
  readonly resourceLinkId: string | null;
}

/**
 * Finds the person's latest attempt at the course and resumes it, or starts a new one (SCORM 2004)
 * when there is none or the latest course version's `trackingMajor` differs from the attempt's
 * version's: then the saved progress (tracking ids, suspend data) no longer fits the content.
 *
 * On a compatible change (same `trackingMajor`, e.g. 1.2.0 → 1.2.1) the attempt moves to the
 * latest version: its CMI stays valid by definition of `trackingMajor`, the learner plays the
 * content that is served now, and the staff overview counts the attempt under the current version.
 * The attempt also moves to the link it was launched from, so its grades go to that line item.
 *
 * Call it inside the launch's transaction, after the person upsert: the upsert locks the person's
 * row, so two launches at once by one person find each other's attempt instead of making two.
 */
export async function openLearnerAttempt(
  stores: Stores,
  opening: AttemptOpening,
): Promise<{ attempt: Attempt; created: boolean }> {
  const { organisationId, personId, course } = opening;
  const latest = await stores.attempts.findLatest(organisationId, personId, course.courseSlug);
  if (latest) {
    const played =
      latest.courseVersionId === course.id ? course : await stores.courses.getVersion(latest.courseVersionId);
    if (played.trackingMajor === course.trackingMajor) {
      const attempt = await stores.attempts.resume(organisationId, latest.id, {
        courseVersionId: course.id,
        ltiResourceLinkId: opening.ltiResourceLinkId,
        resourceLinkId: opening.resourceLinkId,
      });
      return { attempt, created: false };
    }
  }
  const attempt = await stores.attempts.create({
    organisationId,
    personId,
    courseVersionId: course.id,
    ltiResourceLinkId: opening.ltiResourceLinkId,
    resourceLinkId: opening.resourceLinkId,
    scormVersion: '2004',
  });
  return { attempt, created: true };
}
