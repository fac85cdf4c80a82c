import { expect } from 'chai';
import fc from 'fast-check';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCourse } from '../../src/index';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 100 };

const EXEMPEL = join(__dirname, '..', '..', '..', '..', 'courses', 'exempel');
const FILES = ['course.yaml', 'parameters.yaml', 'lessons/e1.sv.md', 'lessons/e2.en.md', 'lessons/e3.sv.md'];

/** Snippets that break YAML, front matter or Markdown in ways authors (or attackers) do. */
const hostileSnippet = fc.constantFrom(
  '\t',
  ':',
  '---\n',
  '- ',
  '"',
  "'",
  '&a [1]\nb: *a\n',
  'x: &a [*a]\n',
  'lol: &l1 [l0,l0,l0,l0,l0,l0,l0,l0,l0]\nlol2: &l2 [*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1]\nlol3: [*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2]\n',
  '!!js/function "function(){}"\n',
  '!!binary aGVq\n',
  '__proto__: {polluted: true}\n',
  'constructor: {prototype: {polluted: true}}\n',
  'lessons: ["../../../../etc/passwd", "../e1"]\n',
  'slug: ../../x\n',
  'version: 1e999\n',
  'estimatedMinutes: .nan\n',
  'masteryScore: -.inf\n',
  '<script>alert(1)</script>\n',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '\uFEFF',
  '\u0000',
  '\r',
  'x'.repeat(20_000),
  '{{parameter}}',
  '{{__proto__}}',
  ']]><!--',
);

/** One edit of one file of the course: insert, delete or overwrite around a position. */
const mutation = fc.record({
  file: fc.constantFrom(...FILES),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(40),
  insert: fc.oneof(
    hostileSnippet,
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
  ),
});

function mutate(text: string, edit: { at: number; remove: number; insert: string }): string {
  const position = Math.floor(edit.at * text.length);
  return text.slice(0, position) + edit.insert + text.slice(position + edit.remove);
}

describe('course source reader under fuzzing', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kompetenta-fuzz-course-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('reports every problem of a mutated exempel as file:line inside the course, and never throws', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const coursesDir = join(root, `run-${(run += 1)}`, 'courses');
        cpSync(EXEMPEL, join(coursesDir, 'exempel'), { recursive: true });
        for (const edit of edits) {
          const path = join(coursesDir, 'exempel', edit.file);
          writeFileSync(path, mutate(readFileSync(path, 'utf8'), edit));
        }
        const { prepared, problems } = checkCourse(coursesDir, 'exempel');
        expect(prepared === undefined).to.equal(problems.length > 0);
        for (const problem of problems) {
          expect(problem.file, problem.message).to.match(/^courses\/exempel\//);
          expect(problem.file).to.not.include('..');
          expect(existsSync(join(coursesDir, '..', problem.file)), problem.file).to.equal(true);
          expect(Number.isInteger(problem.line) && problem.line >= 1, String(problem.line)).to.equal(true);
          const lines = readFileSync(join(coursesDir, '..', problem.file), 'utf8').split('\n').length;
          expect(problem.line, `${problem.file}:${problem.line}`).to.be.at.most(lines + 1);
          expect(problem.message).to.be.a('string').and.not.be.empty;
        }
      }),
      fuzz,
    );
  });

  it('never reads a lesson outside the course folder, even when course.yaml is otherwise invalid', () => {
    const coursesDir = join(root, 'courses');
    cpSync(EXEMPEL, join(coursesDir, 'exempel'), { recursive: true });
    // A file an attacker would like echoed into problems: it exists, outside the course.
    writeFileSync(join(root, 'secret.sv.md'), '---\nid: secret\ntitle: [unclosed\n---\n');
    const course = join(coursesDir, 'exempel', 'course.yaml');
    writeFileSync(
      course,
      readFileSync(course, 'utf8')
        .replace('version: 1.0.0', 'version: nonsense')
        .replace('  - e3', '  - e3\n  - ../../../secret'),
    );
    const { problems } = checkCourse(coursesDir, 'exempel');
    expect(problems.map((p) => p.file)).to.not.include.members(['secret.sv.md']);
    expect(problems.some((p) => p.file.includes('secret'))).to.equal(false);
    expect(problems.some((p) => p.file === 'courses/exempel/course.yaml')).to.equal(true);
  });
});
