/**
 * The course facts the browser runtime needs, embedded in the page as JSON. Shared by the builder
 * (which writes it) and runtime/ (which reads it). Texts stay in the HTML, so both languages share this.
 */
export interface RuntimeCourse {
  readonly slug: string;
  readonly version: string;
  readonly scormVersion: 'scorm12' | 'scorm2004';
  /** Percent of the question points needed to pass. */
  readonly masteryScore: number;
  readonly languages: readonly string[];
  readonly lessons: readonly RuntimeLesson[];
  readonly questions: readonly RuntimeQuestion[];
  /** Reflection id → tracking number. */
  readonly reflections: Readonly<Record<string, number>>;
}

/** A lesson as the runtime tracks it: its id and its tracking number. */
export interface RuntimeLesson {
  readonly id: string;
  /** Tracking number from tracking.yaml. */
  readonly n: number;
}

/** A question as the runtime scores it: ids, tracking number, lesson, type and the correct answer. */
export interface RuntimeQuestion {
  readonly id: string;
  readonly n: number;
  readonly lesson: string;
  readonly type: 'single' | 'multiple' | 'truefalse' | 'ordering' | 'matching';
  /** Option, item or pair ids in source order (= the correct order for ordering). */
  readonly answerIds: readonly string[];
  /** single/multiple: the correct option ids. */
  readonly correctIds: readonly string[];
  /** truefalse: the correct answer. */
  readonly answer: boolean;
  /** Shown in the LMS's interaction report (2004 description). */
  readonly prompt: string;
}
