import type { Language, Question } from './schemas';

export type { Language, Question, QuestionType } from './schemas';

/** A text in Swedish, maybe with an English translation. */
export interface Localized {
  readonly sv: string;
  readonly en?: string | undefined;
}

/** A reflection prompt: free text, not graded. */
export interface Reflection {
  readonly id: string;
  readonly prompt: string;
}

/** One lesson in one language, as read from `lessons/<id>.<lang>.md`. */
export interface LessonText {
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly objectives: readonly string[];
  readonly questions: readonly Question[];
  readonly reflections: readonly Reflection[];
  /** Markdown after the front matter, and the file line it starts on. */
  readonly body: string;
  readonly bodyLine: number;
  /** File line of each question and reflection id, for problems found later. */
  readonly idLines: ReadonlyMap<string, number>;
}

/** A lesson with its text per language (sv always present). */
export interface Lesson {
  readonly id: string;
  readonly texts: Readonly<Partial<Record<Language, LessonText>>> & { readonly sv: LessonText };
}

/**
 * A fact from `parameters.yaml` that lesson texts use as `{{param.key}}`: its `value` (numbers as
 * text), the date it was last checked (`verified`, YYYY-MM-DD) and where it comes from (`source`).
 */
export interface Parameter {
  readonly value: string;
  readonly verified: string;
  readonly source: string;
}

/** A validated course: everything the renderer and packager need. */
export interface CourseModel {
  readonly dir: string;
  readonly slug: string;
  readonly version: string;
  readonly languages: readonly Language[];
  readonly title: Localized;
  readonly description: Localized;
  readonly audience: Localized;
  readonly estimatedMinutes: number;
  readonly masteryScore: number;
  readonly lessons: readonly Lesson[];
  readonly parameters: ReadonlyMap<string, Parameter>;
}
