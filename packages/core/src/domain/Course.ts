/** A course as the catalogue knows it (its content lives in courses/<slug>/). */
export interface Course {
  readonly slug: string;
  readonly title: string;
  readonly createdAt: Date;
}

/**
 * One built version of a course. Attempts point at a version; `trackingMajor` changes only when
 * saved progress would no longer fit (a new attempt starts then), see DESIGN.md §3.
 */
export interface CourseVersion {
  readonly id: string;
  readonly courseSlug: string;
  readonly version: string;
  readonly trackingMajor: number;
  readonly contentHash: string;
  /** Lessons and their tracking ids, as built. */
  readonly outline: CourseOutline;
  readonly createdAt: Date;
}

/**
 * The shape of a built course: its title, the mastery score (percent, 0–100, needed to pass) and its
 * lessons in order, each with its tracking id, title and estimated minutes.
 */
export interface CourseOutline {
  readonly title: string;
  readonly masteryScore: number;
  readonly lessons: readonly { readonly id: string; readonly title: string; readonly minutes: number }[];
}

/**
 * A built course version to register: `courseTitle` creates or renames the catalogue entry,
 * `contentHash` identifies the built content, the other fields are as in {@link CourseVersion}.
 */
export interface NewCourseVersion {
  readonly courseSlug: string;
  readonly courseTitle: string;
  readonly version: string;
  readonly trackingMajor: number;
  readonly contentHash: string;
  readonly outline: CourseOutline;
}
