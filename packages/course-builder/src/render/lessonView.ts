import type { Language, LessonText, Question } from '../source/CourseModel';
import { stableShuffle } from './shuffle';

/** What the page template needs for one question (flags per type keep the template logic-free). */
export function questionView(question: Question, lang: Language): Record<string, unknown> {
  const dom = `${lang}-${question.id}`;
  const base = { id: question.id, dom, prompt: question.prompt, [`is_${question.type}`]: true };
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: question.options.map((o) => ({ ...o, dom: `${dom}-${o.id}` })) };
    case 'truefalse':
      return { ...base, feedbackTrue: question.feedback.true, feedbackFalse: question.feedback.false };
    case 'ordering':
      return {
        ...base,
        items: stableShuffle(question.items, question.id).map((i) => ({ ...i, dom: `${dom}-${i.id}` })),
        feedback: question.feedback,
      };
    case 'matching':
      return {
        ...base,
        pairs: question.pairs.map((p) => ({ ...p, dom: `${dom}-${p.id}` })),
        choices: stableShuffle(question.pairs, question.id).map((p) => ({ id: p.id, text: p.right })),
        feedback: question.feedback,
      };
  }
}

/**
 * Text of a lesson's questions as the learner reads it: prompts, options, items, pairs and every
 * feedback text, one block per line (for readability measures).
 */
export function questionText(text: LessonText): string {
  return text.questions
    .map((q) => {
      switch (q.type) {
        case 'single':
        case 'multiple':
          return [q.prompt, ...q.options.flatMap((o) => [o.text, o.feedback])].join('\n');
        case 'truefalse':
          return [q.prompt, q.feedback.true, q.feedback.false].join('\n');
        case 'ordering':
          return [q.prompt, ...q.items.map((i) => i.text), q.feedback.correct, q.feedback.incorrect].join(
            '\n',
          );
        case 'matching':
          return [
            q.prompt,
            ...q.pairs.flatMap((p) => [p.left, p.right]),
            q.feedback.correct,
            q.feedback.incorrect,
          ].join('\n');
      }
    })
    .join('\n');
}
