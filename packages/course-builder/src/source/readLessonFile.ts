import { questionSchemas, lessonFrontMatterSchema, type Question, type QuestionType } from './schemas';
import type { LessonText } from './CourseModel';
import type { ProblemList } from './ProblemList';
import { parseYaml } from './parseYaml';
import { validateWith } from './validateWith';

const questionTypes = Object.keys(questionSchemas) as QuestionType[];

function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (questionTypes as string[]).includes(value);
}

/**
 * Reads one lesson file: YAML front matter between `---` lines, then Markdown. Every problem is
 * added to `problems` with the file line; the lesson is returned only when it is usable.
 */
export function readLessonFile(text: string, file: string, problems: ProblemList): LessonText | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (lines[0]?.trim() !== '---' || end < 0) {
    problems.add(
      file,
      1,
      'front matter missing: the file must start with a line "---" and the YAML must end with "---"',
    );
    return undefined;
  }
  const yaml = parseYaml(lines.slice(1, end).join('\n'), file, problems, 2);
  if (!yaml) return undefined;
  const front = validateWith(lessonFrontMatterSchema, yaml.data, yaml, file, problems);
  const questions: Question[] = [];
  const raw =
    isRecord(yaml.data) && Array.isArray(yaml.data['questions']) ? (yaml.data['questions'] as unknown[]) : [];
  raw.forEach((question, index) => {
    const type = isRecord(question) ? question['type'] : undefined;
    if (!isQuestionType(type)) {
      problems.add(
        file,
        yaml.lineOf(['questions', index, 'type']),
        `questions.${index}.type: unknown question type "${String(type)}" (use ${questionTypes.join(' | ')})`,
      );
      return;
    }
    const valid = validateWith(questionSchemas[type], question, yaml, file, problems, ['questions', index]);
    if (valid) questions.push(valid);
  });
  if (!front || questions.length !== raw.length) return undefined;
  const idLines = new Map<string, number>();
  questions.forEach((q, i) => idLines.set(q.id, yaml.lineOf(['questions', i, 'id'])));
  (front.reflection ?? []).forEach((r, i) => idLines.set(r.id, yaml.lineOf(['reflection', i, 'id'])));
  return {
    file,
    id: front.id,
    title: front.title,
    minutes: front.minutes,
    objectives: front.objectives,
    questions,
    reflections: front.reflection ?? [],
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
    idLines,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
