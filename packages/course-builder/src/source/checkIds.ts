import type { Lesson, LessonText, Question } from './CourseModel';
import type { ProblemList } from './ProblemList';

/** The answer ids inside a question (options, items or pairs), in source order. */
export function answerIds(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((o) => o.id);
    case 'ordering':
      return question.items.map((i) => i.id);
    case 'matching':
      return question.pairs.map((p) => p.id);
    case 'truefalse':
      return [];
  }
}

/** Question and reflection ids are unique in the course; answer ids are unique in their question. */
export function checkUniqueIds(lessons: readonly Lesson[], problems: ProblemList): void {
  for (const language of ['sv', 'en'] as const) {
    const seen = new Map<string, string>();
    for (const lesson of lessons) {
      const text = lesson.texts[language];
      if (!text) continue;
      const ids = [...text.questions.map((q) => q.id), ...text.reflections.map((r) => r.id)];
      for (const id of ids) {
        const first = seen.get(id);
        if (first)
          problems.add(
            text.file,
            text.idLines.get(id) ?? 2,
            `id "${id}" is used twice in the course (also in ${first})`,
          );
        else seen.set(id, text.file);
      }
      for (const question of text.questions) {
        const answers = answerIds(question);
        const duplicates = answers.filter((id, index) => answers.indexOf(id) !== index);
        for (const id of new Set(duplicates)) {
          problems.add(
            text.file,
            text.idLines.get(question.id) ?? 2,
            `question "${question.id}": answer id "${id}" is used twice`,
          );
        }
      }
    }
  }
}

/** Ids of a lesson text as one comparable list: questions with their type and answer ids, reflections. */
function idSignature(text: LessonText): string[] {
  return [
    ...text.questions.map((q) => `question ${q.id} (${q.type}: ${answerIds(q).join(', ')})`),
    ...text.reflections.map((r) => `reflection ${r.id}`),
  ];
}

/** A translation has exactly the same ids as the Swedish lesson; only the texts differ. */
export function checkLessonTranslations(lessons: readonly Lesson[], problems: ProblemList): void {
  for (const lesson of lessons) {
    const en = lesson.texts.en;
    if (!en) continue;
    const sv = idSignature(lesson.texts.sv);
    const other = idSignature(en);
    for (const entry of sv.filter((s) => !other.includes(s))) {
      problems.add(en.file, 2, `missing or different from ${lesson.texts.sv.file}: ${entry}`);
    }
    for (const entry of other.filter((s) => !sv.includes(s))) {
      problems.add(en.file, 2, `not in ${lesson.texts.sv.file}: ${entry}`);
    }
  }
}
