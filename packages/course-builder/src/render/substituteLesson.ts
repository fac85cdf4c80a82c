import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CourseModel, LessonText } from '../source/CourseModel';
import type { ProblemList } from '../source/ProblemList';
import { paramPattern } from './renderMarkdown';

/** Keys whose values are identifiers or flags, never text the learner reads. */
const notText = new Set(['id', 'type']);

/** Replaces every string in a front-matter value (objects, arrays) except ids and types. */
function mapTexts<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapTexts(item, fn)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, notText.has(key) ? item : mapTexts(item, fn)]),
    ) as T;
  }
  return value;
}

/** The lesson file's lines, to point an unknown parameter at its own line (not just its question). */
function sourceLines(model: CourseModel, text: LessonText): string[] {
  const path = join(model.dir, 'lessons', basename(text.file));
  return existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/) : [];
}

/**
 * The lesson's front-matter texts with `{{param.key}}` filled in: title, objectives, every question
 * text (prompts, options, items, pairs, feedback) and reflection prompts. The Markdown body is left
 * as it is (renderMarkdown fills it in). An unknown key is a problem with file and line.
 */
export function substituteLesson(model: CourseModel, text: LessonText, problems: ProblemList): LessonText {
  let lines: string[] | undefined;
  const lineOf = (match: string, from: number): number => {
    lines ??= sourceLines(model, text);
    const index = lines.findIndex((line, i) => i >= from - 1 && line.includes(match));
    return index >= 0 ? index + 1 : from;
  };
  const substitute =
    (from: number) =>
    (value: string): string =>
      value.replace(paramPattern, (match, key: string) => {
        const parameter = model.parameters.get(key);
        if (parameter) return parameter.value;
        problems.add(
          text.file,
          lineOf(match, from),
          `unknown parameter "${key}" in ${match} (not in parameters.yaml)`,
        );
        return match;
      });
  return {
    ...text,
    title: substitute(2)(text.title),
    objectives: text.objectives.map(substitute(2)),
    questions: text.questions.map((q) => mapTexts(q, substitute(text.idLines.get(q.id) ?? 2))),
    reflections: text.reflections.map((r) => mapTexts(r, substitute(text.idLines.get(r.id) ?? 2))),
  };
}
