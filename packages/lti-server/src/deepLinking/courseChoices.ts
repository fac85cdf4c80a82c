import type { Stores } from '@kompetenta/core';

/** A course as the picker offers it and the response describes it. */
export interface CourseChoice {
  readonly slug: string;
  readonly title: string;
  /** The sum of the lessons' minutes of the latest version. */
  readonly minutes: number;
  readonly lessons: number;
}

/**
 * Every course that has a built version, with the title and length of its latest version. The
 * outline has no audience or language yet; the picker shows them once it does.
 */
export async function listCourseChoices(stores: Stores): Promise<CourseChoice[]> {
  const courses = await stores.courses.listCourses();
  const versions = await Promise.all(courses.map((course) => stores.courses.latestVersion(course.slug)));
  return versions
    .filter((version) => version !== null)
    .map((version) => ({
      slug: version.courseSlug,
      title: version.outline.title,
      minutes: version.outline.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0),
      lessons: version.outline.lessons.length,
    }))
    .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}
