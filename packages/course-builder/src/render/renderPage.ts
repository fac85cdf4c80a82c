import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { CourseModel, Language } from '../source/CourseModel';
import type { TrackingIds } from '../tracking';
import type { RuntimeCourse } from '../runtimeData';
import { answerIds } from '../source/checkIds';
import { ProblemList } from '../source/ProblemList';
import { renderMarkdown } from './renderMarkdown';
import { questionView } from './lessonView';
import { substituteLesson } from './substituteLesson';
import { uiText } from './uiText';

/** The rendered SCO page and what it links to. */
export interface RenderedPage {
  readonly html: string;
  /** Images used by the lessons, relative to the course folder (also their place in the package). */
  readonly images: readonly string[];
  /** Rendered lesson bodies per language and lesson id (for readability measures). */
  readonly bodies: ReadonlyMap<string, string>;
}

const templatesDir = join(__dirname, '..', '..', 'templates');
const handlebars = Handlebars.create();
handlebars.registerPartial('question', readFileSync(join(templatesDir, 'question.hbs'), 'utf8'));
const pageTemplate = handlebars.compile(readFileSync(join(templatesDir, 'course.hbs'), 'utf8'), {
  strict: false,
});

/** Renders the single page of the SCO: every lesson in every language, one shown at a time. */
export function renderPage(
  model: CourseModel,
  tracking: TrackingIds,
  scormVersion: RuntimeCourse['scormVersion'],
  problems: ProblemList,
): RenderedPage {
  const images = new Set<string>();
  const bodies = new Map<string, string>();
  const views = model.languages.map((lang: Language, index) => {
    const lessons = model.lessons.map((lesson, i) => {
      const text = substituteLesson(model, lesson.texts[lang] ?? lesson.texts.sv, problems);
      const body = renderMarkdown(model, text, problems);
      body.images.forEach((image) => images.add(image));
      bodies.set(`${lang}/${lesson.id}`, body.html);
      return {
        id: lesson.id,
        dom: `${lang}-${lesson.id}`,
        title: text.title,
        minutes: text.minutes,
        objectives: text.objectives,
        bodyHtml: body.html,
        questions: text.questions.map((q) => questionView(q, lang)),
        reflections: text.reflections.map((r) => ({ ...r, dom: `${lang}-${r.id}` })),
        previous: model.lessons[i - 1]?.id,
        next: model.lessons[i + 1]?.id ?? 'summary',
      };
    });
    const otherLang = model.languages.find((l) => l !== lang) ?? lang;
    return {
      lang,
      otherLang,
      first: index === 0,
      ui: uiText[lang],
      courseTitle: model.title[lang] ?? model.title.sv,
      lessons,
    };
  });
  const html = pageTemplate({
    defaultLang: model.languages[0] ?? 'sv',
    title: model.title.sv,
    bilingual: model.languages.length > 1,
    views,
    courseJson: JSON.stringify(runtimeCourse(model, tracking, scormVersion)).replace(/</g, '\\u003c'),
  });
  return { html, images: [...images].sort(), bodies };
}

/** The facts the browser runtime needs (see runtimeData.ts). */
export function runtimeCourse(
  model: CourseModel,
  tracking: TrackingIds,
  scormVersion: RuntimeCourse['scormVersion'],
): RuntimeCourse {
  return {
    slug: model.slug,
    version: model.version,
    scormVersion,
    masteryScore: model.masteryScore,
    languages: model.languages,
    lessons: model.lessons.map((l) => ({ id: l.id, n: tracking.lessons[l.id] ?? 0 })),
    questions: model.lessons.flatMap((lesson) =>
      // Problems were reported when the page was rendered; here only the filled-in prompts matter.
      substituteLesson(model, lesson.texts.sv, new ProblemList()).questions.map((q) => ({
        id: q.id,
        n: tracking.questions[q.id] ?? 0,
        lesson: lesson.id,
        type: q.type,
        answerIds: answerIds(q),
        correctIds:
          q.type === 'single' || q.type === 'multiple'
            ? q.options.filter((o) => o.correct).map((o) => o.id)
            : [],
        answer: q.type === 'truefalse' ? q.answer : false,
        prompt: q.prompt.slice(0, 250),
      })),
    ),
    reflections: Object.fromEntries(
      model.lessons.flatMap((l) =>
        l.texts.sv.reflections.map((r) => [r.id, tracking.reflections[r.id] ?? 0]),
      ),
    ),
  };
}
