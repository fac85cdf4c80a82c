import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { courseFileSchema, parametersFileSchema, sourceId, type Language } from './schemas';
import type { CourseModel, Lesson, LessonText, Parameter } from './CourseModel';
import { ProblemList } from './ProblemList';
import { parseYaml } from './parseYaml';
import { validateWith } from './validateWith';
import { checkLessonTranslations, checkUniqueIds } from './checkIds';
import { readLessonFile } from './readLessonFile';

/** Result of reading a course folder: the model when the source is valid, and every problem. */
export interface ReadResult {
  readonly model: CourseModel | undefined;
  readonly problems: ProblemList;
}

/**
 * Reads `courses/<slug>/`: course.yaml, parameters.yaml and every lesson file, and checks them
 * against docs/authoring/format.md. Never throws for content problems; collects them all.
 * Problem paths are relative to `baseDir` (the repository root by default: the courses folder's parent).
 */
export function readCourse(courseDir: string, baseDir = join(courseDir, '..', '..')): ReadResult {
  const problems = new ProblemList();
  const rel = (path: string): string => relative(baseDir, path) || path;
  const courseFile = join(courseDir, 'course.yaml');
  const courseYaml = parseYaml(readFileSync(courseFile, 'utf8'), rel(courseFile), problems);
  const course =
    courseYaml && validateWith(courseFileSchema, courseYaml.data, courseYaml, rel(courseFile), problems);
  if (course && course.slug !== basename(courseDir)) {
    problems.add(
      rel(courseFile),
      courseYaml.lineOf(['slug']),
      `slug "${course.slug}" must equal the folder name "${basename(courseDir)}"`,
    );
  }
  const parameters = readParameters(join(courseDir, 'parameters.yaml'), rel, problems);
  if (!courseYaml) return { model: undefined, problems };
  // Even when course.yaml has schema problems, read the lessons it lists, so all problems show at once.
  const raw = (
    typeof courseYaml.data === 'object' && courseYaml.data !== null ? courseYaml.data : {}
  ) as Record<string, unknown>;
  const listed =
    course?.lessons ??
    // Only ids the schema allows: a raw entry such as "../../x" would read a file outside the course.
    (Array.isArray(raw['lessons'])
      ? raw['lessons'].filter((x): x is string => typeof x === 'string' && sourceId.safeParse(x).success)
      : []);
  const courseLanguages: Language[] =
    course?.languages ??
    (Array.isArray(raw['languages']) && raw['languages'].includes('en') ? ['sv', 'en'] : ['sv']);
  if (course?.languages.includes('en')) {
    for (const key of ['title', 'description'] as const) {
      if (!course[key].en)
        problems.add(rel(courseFile), courseYaml.lineOf([key]), `${key}.en is missing (en is in languages)`);
    }
  }

  const lessons: Lesson[] = [];
  const seen = new Set<string>();
  listed.forEach((id, index) => {
    const line = courseYaml.lineOf(['lessons', index]);
    if (seen.has(id)) problems.add(rel(courseFile), line, `lesson "${id}" is listed twice`);
    seen.add(id);
    const texts: Partial<Record<Language, LessonText>> = {};
    for (const language of courseLanguages) {
      const path = join(courseDir, 'lessons', `${id}.${language}.md`);
      if (!existsSync(path)) {
        problems.add(rel(courseFile), line, `lesson "${id}" is listed but ${rel(path)} is missing`);
        continue;
      }
      const text = readLessonFileAt(path, rel(path), problems);
      if (text && text.id !== id)
        problems.add(rel(path), 2, `id "${text.id}" must equal the file name's id "${id}"`);
      if (text) texts[language] = text;
    }
    const sv = texts.sv;
    if (sv) lessons.push({ id, texts: { ...texts, sv } });
  });
  checkUniqueIds(lessons, problems);
  checkLessonTranslations(lessons, problems);
  if (!course) return { model: undefined, problems };

  const model: CourseModel = {
    dir: courseDir,
    slug: course.slug,
    version: course.version,
    languages: course.languages,
    title: course.title,
    description: course.description,
    audience: course.audience,
    estimatedMinutes: course.estimatedMinutes,
    masteryScore: course.masteryScore,
    lessons,
    parameters,
  };
  return { model: problems.size === 0 ? model : undefined, problems };
}

function readLessonFileAt(path: string, file: string, problems: ProblemList): LessonText | undefined {
  return readLessonFile(readFileSync(path, 'utf8'), file, problems);
}

function readParameters(
  path: string,
  rel: (path: string) => string,
  problems: ProblemList,
): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  if (!existsSync(path)) return parameters;
  const yaml = parseYaml(readFileSync(path, 'utf8'), rel(path), problems);
  const file = yaml && validateWith(parametersFileSchema, yaml.data, yaml, rel(path), problems);
  for (const [key, entry] of Object.entries(file?.parameters ?? {})) {
    parameters.set(key, { value: String(entry.value), verified: entry.verified, source: entry.source });
  }
  return parameters;
}
