import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkCourse, formatProblem } from '../../src/index';
import { fixtureCourses, validCourseYaml, validLesson } from '../support/fixtureCourse';

function problemsOf(files: Record<string, string | undefined>): string[] {
  return checkCourse(fixtureCourses(files), 'demo').problems.map(formatProblem);
}

describe('reading and checking a course source', () => {
  it('accepts a valid course and writes nothing while checking', () => {
    const coursesDir = fixtureCourses();
    const result = checkCourse(coursesDir, 'demo');
    expect(result.problems).to.deep.equal([]);
    expect(result.prepared?.tracking.questions).to.deep.equal({ 'd1-q1': 1 });
    expect(existsSync(join(coursesDir, 'demo', 'tracking.yaml'))).to.equal(false);
  });

  it('reports malformed YAML in course.yaml with its line', () => {
    expect(problemsOf({ 'course.yaml': 'slug: demo\ntitle: [unclosed\n' })[0]).to.match(
      /^courses\/demo\/course\.yaml:\d+: YAML:/,
    );
  });

  it('reports malformed front matter with the file line', () => {
    const broken = validLesson.replace('minutes: 5', 'minutes: 5\n  bad: indent: here');
    expect(problemsOf({ 'lessons/d1.sv.md': broken })[0]).to.match(
      /^courses\/demo\/lessons\/d1\.sv\.md:\d+: YAML:/,
    );
  });

  it('reports a file without front matter', () => {
    expect(problemsOf({ 'lessons/d1.sv.md': '# Just text\n' })).to.deep.equal([
      'courses/demo/lessons/d1.sv.md:1: front matter missing: the file must start with a line "---" and the YAML must end with "---"',
    ]);
  });

  it('reports an unknown question type at the line of its type', () => {
    const lesson = validLesson.replace('type: truefalse', 'type: essay');
    expect(problemsOf({ 'lessons/d1.sv.md': lesson })).to.deep.equal([
      'courses/demo/lessons/d1.sv.md:9: questions.0.type: unknown question type "essay" (use single | multiple | truefalse | ordering | matching)',
    ]);
  });

  it('reports a lesson that is listed but missing, and a missing translation', () => {
    const course = validCourseYaml
      .replace('languages: [sv]', 'languages: [sv, en]')
      .replace('  - d1\n', '  - d1\n  - d2\n');
    const problems = problemsOf({ 'course.yaml': course });
    expect(problems).to.include(
      'courses/demo/course.yaml:13: lesson "d1" is listed but courses/demo/lessons/d1.en.md is missing',
    );
    expect(problems).to.include(
      'courses/demo/course.yaml:14: lesson "d2" is listed but courses/demo/lessons/d2.sv.md is missing',
    );
    expect(problems).to.include('courses/demo/course.yaml:4: title.en is missing (en is in languages)');
  });

  it('reports duplicate ids, translation id mismatches and every schema problem at once', () => {
    const course = validCourseYaml
      .replace('languages: [sv]', 'languages: [sv, en]')
      .replace('  sv: Demo\n', '  sv: Demo\n  en: Demo\n')
      .replace('  sv: En demo.\n', '  sv: En demo.\n  en: A demo.\n')
      .replace('  - d1\n', '  - d1\n  - d2\n');
    const d2 = validLesson.replace('id: d1\n', 'id: d2\n');
    const en = validLesson.replace('id: d1-q1', 'id: d1-q9');
    const problems = problemsOf({
      'course.yaml': course.replace('masteryScore: 80', 'masteryScore: 180'),
      'lessons/d2.sv.md': d2,
      'lessons/d2.en.md': d2,
      'lessons/d1.en.md': en,
    });
    expect(problems).to.include(
      'courses/demo/course.yaml:13: masteryScore: Too big: expected number to be <=100',
    );
    expect(
      problems.some((p) => p.startsWith('courses/demo/lessons/d2.sv.md:8: id "d1-q1" is used twice')),
    ).to.equal(true);
    expect(
      problems.some((p) => p.startsWith('courses/demo/lessons/d1.en.md:2: missing or different from')),
    ).to.equal(true);
  });

  it('reports an image without alt text, an unknown parameter and an h1 in the body, with lines', () => {
    const lesson = `${validLesson}\n# Fel nivå\n\n![](../images/bild.svg)\n\nSe {{param.okand}}.\n`;
    const problems = problemsOf({
      'lessons/d1.sv.md': lesson,
      'images/bild.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    expect(problems).to.deep.equal([
      'courses/demo/lessons/d1.sv.md:21: headings in a lesson start at ## (the lesson title is the page heading)',
      'courses/demo/lessons/d1.sv.md:23: image ../images/bild.svg has no alt text: write ![description](../images/bild.svg)',
      'courses/demo/lessons/d1.sv.md:25: unknown parameter "okand" in {{param.okand}} (not in parameters.yaml)',
    ]);
  });

  it('enforces the per-type rules of the format', () => {
    const lesson = validLesson.replace(
      /questions:[\s\S]*?---/,
      `questions:
  - id: q-single
    type: single
    prompt: Välj
    options:
      - { id: a, text: A, correct: true, feedback: x }
      - { id: b, text: B, correct: true, feedback: y }
  - id: q-order
    type: ordering
    prompt: Ordna
    items:
      - { id: s1, text: Ett }
      - { id: s2, text: Två }
    feedback: { correct: x, incorrect: y }
---`,
    );
    const problems = problemsOf({ 'lessons/d1.sv.md': lesson });
    expect(problems).to.include(
      'courses/demo/lessons/d1.sv.md:11: questions.0.options: needs exactly one option with correct: true',
    );
    expect(problems).to.include(
      'courses/demo/lessons/d1.sv.md:17: questions.1.items: needs at least three items',
    );
  });
});
