import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CourseSource, LessonSource, LessonTextSource } from './CourseSource';
import type { ProblemList } from './ProblemList';
import { languages, sourceId } from './schemas';

/** A course source written out as a course folder, and how to remove it again. */
export interface CourseSourceFolder {
  readonly dir: string;
  remove(): void;
}

/**
 * Writes an in-memory course as the course folder the reader knows (course.yaml, parameters.yaml,
 * lessons/<id>.<lang>.md, images/), in a new temporary folder, so a course defined in code is read
 * and checked by exactly the same reader and rules as one on disk: one parser, one validator.
 * What cannot be written safely (an image name with a folder in it) is added to `problems`.
 */
export function writeCourseSource(source: CourseSource, problems: ProblemList): CourseSourceFolder {
  const root = mkdtempSync(join(tmpdir(), 'kompetenta-source-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    // The folder is named after the slug, as readCourse expects; a bad slug is reported by the schema.
    const slug =
      typeof source.slug === 'string' && sourceId.safeParse(source.slug).success ? source.slug : 'course';
    const dir = join(root, slug);
    mkdirSync(join(dir, 'lessons'), { recursive: true });
    // tracking is not a file of the folder: the caller passes it to the checker directly.
    const { lessons, parameters, images, tracking, ...course } = source;
    void tracking;
    const lessonList: readonly LessonSource[] = Array.isArray(lessons) ? lessons : [];
    writeFileSync(join(dir, 'course.yaml'), stringify({ ...course, lessons: lessonList.map((l) => l.id) }));
    if (parameters !== undefined) writeFileSync(join(dir, 'parameters.yaml'), stringify(parameters));
    for (const lesson of lessonList) {
      // Only ids the schema allows become file names; the others are reported from course.yaml.
      if (!sourceId.safeParse(lesson.id).success) continue;
      for (const language of languages) {
        const text = lesson[language];
        if (text)
          writeFileSync(join(dir, 'lessons', `${lesson.id}.${language}.md`), lessonFile(lesson.id, text));
      }
    }
    writeImages(dir, images ?? {}, problems);
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

function lessonFile(id: string, text: LessonTextSource): string {
  const { body, ...frontMatter } = text;
  return `---\n${stringify({ id, ...frontMatter })}---\n\n${String(body ?? '')}\n`;
}

function writeImages(dir: string, images: Readonly<Record<string, Uint8Array>>, problems: ProblemList): void {
  const entries = Object.entries(images);
  if (entries.length === 0) return;
  mkdirSync(join(dir, 'images'));
  for (const [name, data] of entries) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      problems.add(
        'images',
        1,
        `image "${name}": use a file name of A-Z, a-z, 0-9, ".", "_" and "-" (no folders)`,
      );
      continue;
    }
    writeFileSync(join(dir, 'images', name), data);
  }
}
