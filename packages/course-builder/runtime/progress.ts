import type { RuntimeCourse, RuntimeQuestion } from '../src/runtimeData';

/** A checked answer: option ids (single/multiple), true/false, item order, or left → right pair ids. */
export type Answer = readonly string[] | boolean | Readonly<Record<string, string>>;

/** Everything about a learner's attempt that must survive a relaunch. */
export interface Progress {
  current: string;
  lang: string;
  readonly visited: Set<string>;
  /** Answers as last checked, by question id. */
  readonly answers: Map<string, Answer>;
  /** The cmi.interactions index of each question, so a re-check updates its own record. */
  readonly interactionIndex: Map<string, number>;
  readonly reflections: Map<string, string>;
}

export function newProgress(course: RuntimeCourse): Progress {
  return {
    current: course.lessons[0]?.id ?? 'summary',
    lang: course.languages[0] ?? 'sv',
    visited: new Set(),
    answers: new Map(),
    interactionIndex: new Map(),
    reflections: new Map(),
  };
}

/** Whether an answer is right (all-or-nothing: one point per question). */
export function isCorrect(question: RuntimeQuestion, answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.type) {
    case 'truefalse':
      return answer === question.answer;
    case 'single':
    case 'multiple':
      return Array.isArray(answer) && sameSet(answer, question.correctIds);
    case 'ordering':
      return Array.isArray(answer) && answer.join(',') === question.answerIds.join(',');
    case 'matching':
      return (
        typeof answer === 'object' &&
        !Array.isArray(answer) &&
        question.answerIds.every((id) => (answer as Record<string, string>)[id] === id)
      );
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The attempt's state as SCORM needs it. */
export interface Outcome {
  /** Every lesson visited. */
  readonly completed: boolean;
  /** Every question checked. */
  readonly allAnswered: boolean;
  /** Percent of all questions answered correctly (0–100). */
  readonly percent: number;
  /** undefined until every question is checked, or when the course has no questions. */
  readonly passed: boolean | undefined;
}

export function outcome(course: RuntimeCourse, progress: Progress, lessonId?: string): Outcome {
  const lessons = lessonId ? course.lessons.filter((l) => l.id === lessonId) : course.lessons;
  const questions = course.questions.filter((q) => !lessonId || q.lesson === lessonId);
  const right = questions.filter((q) => isCorrect(q, progress.answers.get(q.id))).length;
  const allAnswered = questions.every((q) => progress.answers.has(q.id));
  const percent = questions.length === 0 ? 100 : Math.round((100 * right) / questions.length);
  return {
    completed: lessons.every((l) => progress.visited.has(l.id)),
    allAnswered,
    percent,
    passed: questions.length === 0 || !allAnswered ? undefined : percent >= course.masteryScore,
  };
}

/** Saved form: keys are tracking numbers (stable across versions), not ids. */
interface SavedProgress {
  v: 1;
  c: number;
  g: string;
  s: number[];
  a: Record<string, Answer>;
  i: Record<string, number>;
  r: Record<string, string>;
}

/** Serialises progress for cmi.suspend_data; reflections are left out if the text would exceed `limit`. */
export function toSuspendData(course: RuntimeCourse, progress: Progress, limit: number): string {
  const lessonN = new Map(course.lessons.map((l) => [l.id, l.n]));
  const questionN = new Map(course.questions.map((q) => [q.id, q.n]));
  const saved: SavedProgress = {
    v: 1,
    c: lessonN.get(progress.current) ?? 0,
    g: progress.lang,
    s: [...progress.visited].map((id) => lessonN.get(id) ?? 0),
    a: Object.fromEntries([...progress.answers].map(([id, a]) => [questionN.get(id) ?? 0, a])),
    i: Object.fromEntries([...progress.interactionIndex].map(([id, n]) => [questionN.get(id) ?? 0, n])),
    r: Object.fromEntries([...progress.reflections].map(([id, text]) => [course.reflections[id] ?? 0, text])),
  };
  const text = JSON.stringify(saved);
  return text.length <= limit ? text : JSON.stringify({ ...saved, r: {} }).slice(0, limit);
}

/** Restores progress from cmi.suspend_data (unknown or removed tracking numbers are ignored). */
export function fromSuspendData(course: RuntimeCourse, text: string): Progress {
  const progress = newProgress(course);
  let saved: Partial<SavedProgress>;
  try {
    saved = JSON.parse(text) as Partial<SavedProgress>;
  } catch {
    return progress;
  }
  const lessonById = new Map(course.lessons.map((l) => [l.n, l.id]));
  const questionById = new Map(course.questions.map((q) => [String(q.n), q.id]));
  const reflectionById = new Map(Object.entries(course.reflections).map(([id, n]) => [String(n), id]));
  progress.current = lessonById.get(saved.c ?? 0) ?? (saved.c === 0 ? 'summary' : progress.current);
  if (saved.g && course.languages.includes(saved.g)) progress.lang = saved.g;
  for (const n of saved.s ?? []) {
    const id = lessonById.get(n);
    if (id) progress.visited.add(id);
  }
  for (const [n, answer] of Object.entries(saved.a ?? {})) {
    const id = questionById.get(n);
    if (id) progress.answers.set(id, answer);
  }
  for (const [n, index] of Object.entries(saved.i ?? {})) {
    const id = questionById.get(n);
    if (id) progress.interactionIndex.set(id, index);
  }
  for (const [n, text] of Object.entries(saved.r ?? {})) {
    const id = reflectionById.get(n);
    if (id) progress.reflections.set(id, text);
  }
  return progress;
}
