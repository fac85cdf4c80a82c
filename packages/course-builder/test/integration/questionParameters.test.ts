import { expect } from 'chai';
import { checkCourse, formatProblem, prepareCourse } from '../../src/index';
import { packageEntries } from '../../src/internal';
import { fixtureCourses, validLesson } from '../support/fixtureCourse';

/** A lesson whose every question text uses a parameter (plus the title, an objective and a reflection). */
const lessonWithParameters = (key: (where: string) => string): string =>
  validLesson
    .replace('title: Första lektionen', `title: Ring ${key('title')}`)
    .replace('  - Du kan något.', `  - Du kan ringa ${key('objective')}.`)
    .replace(
      /questions:[\s\S]*?---/,
      `questions:
  - id: q-single
    type: single
    prompt: Vilket nummer? ${key('prompt')}
    options:
      - { id: a, text: "Nummer ${key('option')}", correct: true, feedback: "Ja, ${key('option-feedback')}." }
      - { id: b, text: Inget, feedback: Nej. }
  - id: q-tf
    type: truefalse
    prompt: Sant?
    answer: true
    feedback:
      true: "Rätt: ${key('tf-true')}."
      false: Fel.
  - id: q-order
    type: ordering
    prompt: Ordna.
    items:
      - { id: i1, text: "Först ${key('item')}" }
      - { id: i2, text: Sedan }
      - { id: i3, text: Sist }
    feedback: { correct: "Bra ${key('order-correct')}", incorrect: Nej }
  - id: q-match
    type: matching
    prompt: Para ihop.
    pairs:
      - { id: p1, left: "Vänster ${key('left')}", right: "Höger ${key('right')}" }
      - { id: p2, left: B, right: b }
      - { id: p3, left: C, right: c }
    feedback: { correct: Ja, incorrect: "Nej ${key('match-incorrect')}" }
reflection:
  - id: r1
    prompt: "Tänk på ${key('reflection')}."
---`,
    );

describe('parameters in every rendered text of a lesson', () => {
  it('fills in {{param.key}} in the title, objectives, question texts, feedback and reflections', async () => {
    const coursesDir = fixtureCourses({
      'lessons/d1.sv.md': lessonWithParameters(() => '{{ param.telefon }}'),
    });
    const entries = await packageEntries(prepareCourse(coursesDir, 'demo'), 'scorm2004');
    const html = entries.find((e) => e.path === 'index.html')?.data.toString('utf8') ?? '';
    expect(html).to.not.contain('{{');
    expect(html).to.not.contain('param.');
    // The prompt the runtime reports to the LMS as the interaction's description is filled in too.
    expect(html).to.contain('"prompt":"Vilket nummer? 020-1"');
    for (const text of [
      'Vilket nummer? 020-1',
      'Nummer 020-1',
      'Ja, 020-1.',
      'Rätt: 020-1.',
      'Först 020-1',
      'Bra 020-1',
      'Vänster 020-1',
      'Höger 020-1',
      'Nej 020-1',
      'Tänk på 020-1.',
      'Du kan ringa 020-1.',
    ])
      expect(html, text).to.contain(text);
  });

  it('reports every unknown key with the file line it is on', () => {
    const lesson = lessonWithParameters((where) => `{{param.${where.replace(/-/g, '_')}}}`);
    const problems = checkCourse(fixtureCourses({ 'lessons/d1.sv.md': lesson }), 'demo').problems.map(
      formatProblem,
    );
    const lines = lesson.split('\n');
    const expected = [
      'title',
      'objective',
      'prompt',
      'option',
      'option-feedback',
      'tf-true',
      'item',
      'order-correct',
      'left',
      'right',
      'match-incorrect',
      'reflection',
    ].map((where) => {
      const key = where.replace(/-/g, '_');
      const line = lines.findIndex((l) => l.includes(`{{param.${key}}}`)) + 1;
      return `courses/demo/lessons/d1.sv.md:${line}: unknown parameter "${key}" in {{param.${key}}} (not in parameters.yaml)`;
    });
    expect(problems).to.have.members(expected);
    expect(problems).to.have.length(expected.length);
  });
});
