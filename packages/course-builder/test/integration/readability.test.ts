import { expect } from 'chai';
import { join } from 'node:path';
import { checkCourse, formatProblem, lessonReadability, listCourses } from '../../src/index';
import { countedParts } from '../../src/internal';

const coursesDir = join(__dirname, '..', '..', '..', '..', 'courses');
/** The content writers aim for plain Swedish: LIX at most 45 in every lesson (docs/authoring). */
const maxLix = 45;

/**
 * LIX per lesson, measured on the rendered lesson page with every parameter filled in. What counts:
 * the title, the objectives, the body (headings, paragraphs, lists, tables, quotes), the knowledge
 * check (prompts, options, items, pairs and every feedback text) and the reflection prompts. The
 * interface texts around them ("Lärandemål", buttons) do not count.
 */
describe(`readability (LIX ≤ ${maxLix}) of every lesson of every course in courses/`, () => {
  const slugs = listCourses(coursesDir);

  it('finds the sample course and the five real courses', () => {
    expect(slugs).to.include.members([
      'exempel',
      'handledare',
      'styrelse',
      'offentlig-sektor',
      'jamstalldhet',
      'tillganglighet',
    ]);
    expect(countedParts).to.have.length(5);
  });

  for (const slug of slugs) {
    it(`${slug}: validates, and every lesson has LIX ≤ ${maxLix}`, () => {
      // A course that does not validate cannot be measured: that is a failure, never a skip.
      const { prepared, problems } = checkCourse(coursesDir, slug);
      expect(problems.map(formatProblem), `${slug} does not validate`).to.deep.equal([]);
      const results = lessonReadability(prepared!);
      expect(results, `${slug} has lessons to measure`).to.not.be.empty;
      for (const r of results)
        console.log(`      ${slug} ${r.lesson}/${r.lang}: LIX ${r.lix.toFixed(1)} (${r.words} words)`);
      const tooHard = results
        .filter((r) => r.lix > maxLix)
        .map((r) => `${r.lesson}/${r.lang} ${r.lix.toFixed(1)}`);
      expect(tooHard, `lessons over LIX ${maxLix}`).to.deep.equal([]);
    });
  }
});
