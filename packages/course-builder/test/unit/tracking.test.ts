import { expect } from 'chai';
import type { CourseModel } from '../../src/index';
import { assignTracking } from '../../src/internal';

function model(lessons: Record<string, string[]>): CourseModel {
  const text = (id: string, questions: string[]) => ({
    file: `${id}.sv.md`,
    id,
    title: id,
    minutes: 1,
    objectives: ['x'],
    questions: questions.map((q) => ({
      id: q,
      type: 'truefalse' as const,
      prompt: 'p',
      answer: true,
      feedback: { true: 't', false: 'f' },
    })),
    reflections: [],
    body: '',
    bodyLine: 1,
    idLines: new Map<string, number>(),
  });
  return {
    dir: '/x',
    slug: 'x',
    version: '1.0.0',
    languages: ['sv'],
    title: { sv: 'x' },
    description: { sv: 'x' },
    audience: { sv: 'x' },
    estimatedMinutes: 1,
    masteryScore: 80,
    lessons: Object.entries(lessons).map(([id, qs]) => ({ id, texts: { sv: text(id, qs) } })),
    parameters: new Map(),
  };
}

describe('tracking ids', () => {
  it('numbers new ids in course order', () => {
    const { ids, changed } = assignTracking(model({ a: ['a-q1', 'a-q2'], b: ['b-q1'] }), {
      lessons: {},
      questions: {},
      reflections: {},
    });
    expect(changed).to.equal(true);
    expect(ids.lessons).to.deep.equal({ a: 1, b: 2 });
    expect(ids.questions).to.deep.equal({ 'a-q1': 1, 'a-q2': 2, 'b-q1': 3 });
  });

  it('never renumbers: reordered, removed and new ids keep or get fresh numbers', () => {
    const existing = {
      lessons: { a: 1, b: 2 },
      questions: { 'a-q1': 1, 'a-q2': 2, 'b-q1': 3 },
      reflections: {},
    };
    const { ids, changed } = assignTracking(model({ b: ['b-q1', 'b-q2'], a: ['a-q1'] }), existing);
    expect(changed).to.equal(true);
    expect(ids.lessons).to.deep.equal({ a: 1, b: 2 });
    expect(ids.questions).to.deep.equal({ 'a-q1': 1, 'a-q2': 2, 'b-q1': 3, 'b-q2': 4 });
  });

  it('reports no change when every id already has a number', () => {
    const existing = { lessons: { a: 1 }, questions: { 'a-q1': 1 }, reflections: {} };
    expect(assignTracking(model({ a: ['a-q1'] }), existing).changed).to.equal(false);
  });
});
