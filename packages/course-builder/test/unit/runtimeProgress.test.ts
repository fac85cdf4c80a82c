import { expect } from 'chai';
import type { RuntimeCourse } from '../../src/index';
import { fromSuspendData, isCorrect, newProgress, outcome, toSuspendData } from '../../runtime/progress';

const course: RuntimeCourse = {
  slug: 'x',
  version: '1.0.0',
  scormVersion: 'scorm2004',
  masteryScore: 80,
  languages: ['sv', 'en'],
  lessons: [
    { id: 'l1', n: 1 },
    { id: 'l2', n: 2 },
  ],
  questions: [
    {
      id: 'q1',
      n: 1,
      lesson: 'l1',
      type: 'multiple',
      answerIds: ['a', 'b', 'c'],
      correctIds: ['a', 'c'],
      answer: false,
      prompt: '',
    },
    {
      id: 'q2',
      n: 2,
      lesson: 'l2',
      type: 'ordering',
      answerIds: ['s1', 's2', 's3'],
      correctIds: [],
      answer: false,
      prompt: '',
    },
    {
      id: 'q3',
      n: 3,
      lesson: 'l2',
      type: 'matching',
      answerIds: ['p1', 'p2', 'p3'],
      correctIds: [],
      answer: false,
      prompt: '',
    },
    {
      id: 'q4',
      n: 4,
      lesson: 'l2',
      type: 'truefalse',
      answerIds: [],
      correctIds: [],
      answer: false,
      prompt: '',
    },
  ],
  reflections: { r1: 1 },
};
const [q1, q2, q3, q4] = course.questions;

describe('runtime progress', () => {
  it('scores each question type all-or-nothing', () => {
    expect(isCorrect(q1!, ['c', 'a'])).to.equal(true);
    expect(isCorrect(q1!, ['a'])).to.equal(false);
    expect(isCorrect(q2!, ['s1', 's2', 's3'])).to.equal(true);
    expect(isCorrect(q2!, ['s2', 's1', 's3'])).to.equal(false);
    expect(isCorrect(q3!, { p1: 'p1', p2: 'p2', p3: 'p3' })).to.equal(true);
    expect(isCorrect(q3!, { p1: 'p2', p2: 'p1', p3: 'p3' })).to.equal(false);
    expect(isCorrect(q4!, false)).to.equal(true);
    expect(isCorrect(q4!, true)).to.equal(false);
  });

  it('is complete when every lesson is visited and decides pass/fail only when every question is answered', () => {
    const progress = newProgress(course);
    progress.visited.add('l1');
    progress.answers.set('q1', ['a', 'c']);
    expect(outcome(course, progress)).to.deep.equal({
      completed: false,
      allAnswered: false,
      percent: 25,
      passed: undefined,
    });
    progress.visited.add('l2');
    progress.answers
      .set('q2', ['s1', 's2', 's3'])
      .set('q3', { p1: 'p1', p2: 'p2', p3: 'p3' })
      .set('q4', true);
    expect(outcome(course, progress)).to.deep.equal({
      completed: true,
      allAnswered: true,
      percent: 75,
      passed: false,
    });
    progress.answers.set('q4', false);
    expect(outcome(course, progress).passed).to.equal(true);
  });

  it('round-trips progress through suspend data keyed by tracking numbers', () => {
    const progress = newProgress(course);
    progress.current = 'l2';
    progress.lang = 'en';
    progress.visited.add('l1').add('l2');
    progress.answers.set('q1', ['a']).set('q3', { p1: 'p2' });
    progress.interactionIndex.set('q1', 0).set('q3', 1);
    progress.reflections.set('r1', 'Mina tankar');
    const restored = fromSuspendData(course, toSuspendData(course, progress, 4096));
    expect(restored).to.deep.equal(progress);
  });

  it('drops reflections rather than exceed the suspend data limit', () => {
    const progress = newProgress(course);
    progress.reflections.set('r1', 'x'.repeat(5000));
    const text = toSuspendData(course, progress, 4096);
    expect(text.length).to.be.at.most(4096);
    expect(fromSuspendData(course, text).reflections.size).to.equal(0);
  });

  it('starts fresh on unreadable suspend data', () => {
    expect(fromSuspendData(course, 'not json')).to.deep.equal(newProgress(course));
  });
});
