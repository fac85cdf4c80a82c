import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@kompetenta/core';
import {
  BuiltPackageReader,
  buildCourse,
  manifestProblems,
  validateCourse,
  type CourseSource,
} from '../../src/index';
import { readPackageStamp } from '../../src/internal';

/** The AppError code `work` rejects with (fails the test when it resolves or throws something else). */
async function rejectionCode(work: Promise<unknown>): Promise<string> {
  const caught = await work.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
  expect(isAppError(caught), String(caught)).to.equal(true);
  return (caught as { code: string }).code;
}

/** A small valid course defined in code: two lessons, a quiz, a parameter and an image. */
function demoSource(): CourseSource {
  return {
    slug: 'kod-kurs',
    version: '1.2.0',
    languages: ['sv', 'en'],
    title: { sv: 'Kurs från kod', en: 'Course from code' },
    description: { sv: 'Byggd i ett skript.', en: 'Built in a script.' },
    audience: { sv: 'Utvecklare', en: 'Developers' },
    estimatedMinutes: 10,
    masteryScore: 50,
    parameters: {
      verified: '2026-11-01',
      parameters: { telefon: { value: '020-1', verified: '2026-11-01', source: 'https://example.org' } },
    },
    images: { 'ring.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    lessons: [
      {
        id: 'intro',
        sv: {
          title: 'Introduktion',
          minutes: 5,
          objectives: ['Du vet vad kursen handlar om.'],
          body: '## Välkommen\n\nRing {{param.telefon}}.\n\n![En ring](../images/ring.svg)',
        },
        en: {
          title: 'Introduction',
          minutes: 5,
          objectives: ['You know what the course is about.'],
          body: '## Welcome\n\nCall {{param.telefon}}.\n\n![A ring](../images/ring.svg)',
        },
      },
      {
        id: 'quiz',
        sv: {
          title: 'Kunskapskoll',
          minutes: 5,
          objectives: ['Du kan svara på en fråga.'],
          questions: [
            {
              id: 'quiz-q1',
              type: 'single',
              prompt: 'Vilket svar är rätt?',
              options: [
                { id: 'a', text: 'Det här', correct: true, feedback: 'Rätt.' },
                { id: 'b', text: 'Det där', feedback: 'Fel.' },
              ],
            },
          ],
          body: '## Frågor\n\nSvara på frågan.',
        },
        en: {
          title: 'Knowledge check',
          minutes: 5,
          objectives: ['You can answer a question.'],
          questions: [
            {
              id: 'quiz-q1',
              type: 'single',
              prompt: 'Which answer is right?',
              options: [
                { id: 'a', text: 'This one', correct: true, feedback: 'Right.' },
                { id: 'b', text: 'That one', feedback: 'Wrong.' },
              ],
            },
          ],
          body: '## Questions\n\nAnswer the question.',
        },
      },
    ],
  };
}

const outDir = () => join(mkdtempSync(join(tmpdir(), 'kompetenta-source-out-')), 'zips');

describe('a course defined in code (validateCourse, buildCourse(source, options))', function () {
  // The first build bundles the browser runtime with esbuild.
  this.timeout(60_000);
  const reader = new BuiltPackageReader();
  after(() => reader.close());

  it('validates a valid course to no problems', () => {
    expect(validateCourse(demoSource())).to.deep.equal([]);
  });

  it('builds SCORM 1.2 and 2004 zips with manifest, page, image and package stamp', async () => {
    const out = outDir();
    const built = await buildCourse(demoSource(), { outDir: out });
    expect(built.slug).to.equal('kod-kurs');
    expect(built.version).to.equal('1.2.0');
    expect(built.packages.map((p) => p.scormVersion)).to.deep.equal(['scorm12', 'scorm2004']);
    expect(readdirSync(out).sort()).to.deep.equal([
      'kod-kurs-1.2.0-scorm12.zip',
      'kod-kurs-1.2.0-scorm2004.zip',
    ]);
    expect(built.tracking).to.deep.equal({
      lessons: { intro: 1, quiz: 2 },
      questions: { 'quiz-q1': 1 },
      reflections: {},
    });
    for (const { scormVersion, path } of built.packages) {
      const names = ((await reader.entries(path)) ?? []).map((entry) => entry.path);
      expect(names).to.include.members(['imsmanifest.xml', 'index.html', 'images/ring.svg']);
      const manifest = String(await reader.read(path, 'imsmanifest.xml'));
      expect(manifestProblems(manifest, scormVersion, names)).to.deep.equal([]);
      const page = String(await reader.read(path, 'index.html'));
      expect(page).to.contain('Ring 020-1.').and.contain('Vilket svar är rätt?').and.contain('Call 020-1.');
      expect(await readPackageStamp(path)).to.match(/^kompetenta-package-stamp:v1 sha256:[0-9a-f]{64}$/);
    }
  });

  it('builds only the formats asked for, and keeps tracking numbers passed back in', async () => {
    const first = demoSource();
    const extra = first.lessons[0]!;
    const source: CourseSource = {
      ...first,
      lessons: [{ ...extra, id: 'start' }, ...first.lessons],
      tracking: { lessons: { intro: 1, quiz: 2 }, questions: { 'quiz-q1': 1 }, reflections: {} },
    };
    const built = await buildCourse(source, { outDir: outDir(), formats: ['scorm2004'] });
    expect(built.packages.map((p) => p.scormVersion)).to.deep.equal(['scorm2004']);
    expect(built.tracking.lessons).to.deep.equal({ intro: 1, quiz: 2, start: 3 });
  });

  it('lists every problem with its file, line and field, and builds nothing', async () => {
    const valid = demoSource();
    const [intro, quiz] = valid.lessons;
    const bad: CourseSource = {
      ...valid,
      masteryScore: 140,
      images: { '../ring.svg': Buffer.from('x') },
      lessons: [
        { ...intro!, sv: { ...intro!.sv, body: '## Hej\n\n![](../images/ring.svg)' } },
        {
          ...quiz!,
          sv: {
            ...quiz!.sv,
            questions: [
              {
                id: 'quiz-q1',
                type: 'single',
                prompt: 'Två rätt?',
                options: [
                  { id: 'a', text: 'A', correct: true, feedback: 'Ja.' },
                  { id: 'b', text: 'B', correct: true, feedback: 'Ja.' },
                ],
              },
            ],
          },
        },
        { id: 'Saknas Här', sv: intro!.sv },
      ],
    };
    const problems = validateCourse(bad);
    const texts = problems.map((p) => `${p.file}: ${p.message}`);
    expect(texts).to.include('course.yaml: masteryScore: Too big: expected number to be <=100');
    expect(texts).to.include(
      'lessons/quiz.sv.md: questions.0.options: needs exactly one option with correct: true',
    );
    expect(texts).to.include('course.yaml: lessons.2: use only a-z, 0-9 and "-"');
    expect(texts).to.include(
      'images: image "../ring.svg": use a file name of A-Z, a-z, 0-9, ".", "_" and "-" (no folders)',
    );
    expect(problems.every((p) => p.line >= 1)).to.equal(true);

    const out = outDir();
    const error = await buildCourse(bad, { outDir: out }).then(
      () => expect.fail('an invalid course was built'),
      (caught: unknown) => caught as Error & { code?: string },
    );
    expect(error.code).to.equal('COURSE_SOURCE_INVALID');
    expect(error.message).to.contain('lessons/quiz.sv.md');
    expect(existsSync(out)).to.equal(false);
  });

  it('reports render problems too: an image without alt text, an unknown parameter', () => {
    const valid = demoSource();
    const [intro, ...rest] = valid.lessons;
    const problems = validateCourse({
      ...valid,
      lessons: [
        { ...intro!, sv: { ...intro!.sv, body: '![](../images/ring.svg)\n\n{{param.okand}}' } },
        ...rest,
      ],
    });
    expect(problems.map((p) => p.file)).to.deep.equal(['lessons/intro.sv.md', 'lessons/intro.sv.md']);
    expect(problems.map((p) => p.message).join('\n'))
      .to.match(/alt text/)
      .and.match(/okand/);
  });

  it('refuses options without an output folder or with an unknown format, writing nothing', async () => {
    expect(await rejectionCode(buildCourse(demoSource(), {} as { outDir: string }))).to.equal(
      'COURSE_BUILD_OPTIONS_INVALID',
    );
    const out = outDir();
    expect(
      await rejectionCode(buildCourse(demoSource(), { outDir: out, formats: ['scorm3' as 'scorm12'] })),
    ).to.equal('SCORM_VERSION_UNKNOWN');
    expect(existsSync(out)).to.equal(false);
  });
});
