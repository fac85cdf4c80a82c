import { ProblemList } from './source/ProblemList';
import type { PreparedCourse } from './buildCourse';
import { renderMarkdown } from './render/renderMarkdown';
import { questionText } from './render/lessonView';
import { lix } from './lix';
import { substituteLesson } from './render/substituteLesson';

/** LIX of one lesson in one language. */
export interface LessonReadability {
  readonly slug: string;
  readonly lesson: string;
  readonly lang: string;
  readonly lix: number;
  readonly words: number;
}

/** Rendered HTML → text with one line per block, so headings and list items count as sentences. */
function blockText(html: string): string {
  return html
    .replace(/<\/(p|li|h[1-6]|blockquote|td|th|dt|dd)>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/** The parts of a lesson page that count, in the order the learner meets them (see lessonReadability). */
export const countedParts = [
  'title',
  'objectives',
  'body (rendered Markdown: headings, paragraphs, lists, tables, quotes)',
  'question prompts, options, items, pairs and feedback',
  'reflection prompts',
] as const;

/**
 * LIX per lesson and language, measured on what the learner reads on the lesson page, with every
 * parameter filled in: the title, the objectives, the rendered body, the knowledge check (prompts,
 * answer texts and feedback) and the reflection prompts. Each heading, list item, objective and
 * answer text counts as its own sentence. Interface texts (buttons, "Lärandemål") do not count.
 */
export function lessonReadability(prepared: PreparedCourse): LessonReadability[] {
  const { model } = prepared;
  return model.lessons.flatMap((lesson) =>
    model.languages.flatMap((lang) => {
      const source = lesson.texts[lang];
      if (!source) return [];
      const text = substituteLesson(model, source, new ProblemList());
      const body = blockText(renderMarkdown(model, text, new ProblemList()).html);
      const all = [
        text.title,
        ...text.objectives,
        body,
        questionText(text),
        ...text.reflections.map((r) => r.prompt),
      ].join('\n');
      return [
        {
          slug: model.slug,
          lesson: lesson.id,
          lang,
          lix: lix(all),
          words: all.match(/[\p{L}\p{N}]+/gu)?.length ?? 0,
        },
      ];
    }),
  );
}
