import type { z } from 'zod';
import type { TrackingIds } from '../tracking';
import type { courseFileSchema, parametersFileSchema, Question } from './schemas';
import type { Reflection } from './CourseModel';

/**
 * One lesson in one language, defined in code: the front matter of `lessons/<id>.<lang>.md`
 * (docs/authoring/format.md) and its Markdown `body`. The id comes from {@link LessonSource.id}.
 */
export interface LessonTextSource {
  readonly title: string;
  readonly minutes: number;
  readonly objectives: readonly string[];
  /** Knowledge-check questions, exactly as in front matter (`single`, `multiple`, `truefalse`, `ordering`, `matching`). */
  readonly questions?: readonly Question[];
  /** Reflection prompts (free text, not graded). */
  readonly reflection?: readonly Reflection[];
  /** The teaching text in Markdown; images are referenced as `../images/<file>`. */
  readonly body: string;
}

/** One lesson of a {@link CourseSource}: its id, the Swedish text and, optionally, the English one. */
export interface LessonSource {
  readonly id: string;
  readonly sv: LessonTextSource;
  readonly en?: LessonTextSource;
}

/**
 * A course defined in code instead of a `courses/<slug>/` folder: the fields of `course.yaml`
 * (without `lessons`), the lessons in order, and optionally `parameters.yaml`, images and the
 * tracking ids of an earlier build. The same rules apply as to a folder; see `validateCourse`.
 */
export interface CourseSource extends Omit<z.input<typeof courseFileSchema>, 'lessons'> {
  readonly lessons: readonly LessonSource[];
  /** The content of `parameters.yaml`, for `{{param.x}}` in lesson texts. */
  readonly parameters?: z.input<typeof parametersFileSchema>;
  /** Image files by file name (no folders), referenced from lessons as `../images/<name>`. */
  readonly images?: Readonly<Record<string, Uint8Array>>;
  /**
   * Tracking ids of an earlier build (`BuiltCourse.tracking`). Keep and pass them back when a
   * course is rebuilt, so learners' saved progress still matches; new ids get new numbers.
   */
  readonly tracking?: TrackingIds;
}
