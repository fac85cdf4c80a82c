import { ProblemList } from './source/ProblemList';
import type { PreparedCourse } from './buildCourse';
import { renderMarkdown } from './render/renderMarkdown';
import { questionText } from './render/lessonView';
import { lix } from './lix';

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

/**
 * LIX per lesson and language, measured on what the learner reads: the rendered lesson body
 * (parameters filled in) plus the question prompts and answer texts. Feedback texts are not included.
 */
export function lessonReadability(prepared: PreparedCourse): LessonReadability[] {
  const { model } = prepared;
  return model.lessons.flatMap((lesson) =>
    model.languages.flatMap((lang) => {
      const text = lesson.texts[lang];
      if (!text) return [];
      const body = blockText(renderMarkdown(model, text, new ProblemList()).html);
      const all = `${body}\n${questionText(text)}`;
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
