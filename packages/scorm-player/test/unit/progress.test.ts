import { expect } from 'chai';
import { playerTexts } from '../../src/texts';
import { progressFromCmi } from '../../src/progress';

describe('progressFromCmi', () => {
  it('counts the lessons done from 2004 objectives and reads completion and success', () => {
    const progress = progressFromCmi(
      '2004',
      {
        'cmi.objectives.0.id': 'urn:kompetenta:x:lesson:1',
        'cmi.objectives.0.completion_status': 'completed',
        'cmi.objectives.1.completion_status': 'not attempted',
        'cmi.objectives.2.completion_status': 'completed',
        'cmi.completion_status': 'incomplete',
        'cmi.success_status': 'unknown',
      },
      4,
    );
    expect(progress).to.deep.equal({
      lessonsDone: 2,
      lessonsTotal: 4,
      completion: 'incomplete',
      success: 'unknown',
    });
    expect(playerTexts('sv').progress(progress)).to.equal('2 av 4 lektioner klara');
  });

  it('uses 2004 progress_measure when there are no objectives, and all lessons once completed', () => {
    expect(progressFromCmi('2004', { 'cmi.progress_measure': '0.5' }, 4).lessonsDone).to.equal(2);
    const done = progressFromCmi(
      '2004',
      { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
      3,
    );
    expect(done).to.deep.equal({
      lessonsDone: 3,
      lessonsTotal: 3,
      completion: 'completed',
      success: 'passed',
    });
    expect(playerTexts('sv').progress(done)).to.equal('3 av 3 lektioner klara. Godkänd');
    expect(playerTexts('en').progress(done)).to.equal('3 of 3 lessons done. Passed');
  });

  it('reads SCORM 1.2 lesson_status and objective status', () => {
    const progress = progressFromCmi(
      '1.2',
      {
        'cmi.objectives.0.status': 'passed',
        'cmi.objectives.1.status': 'not attempted',
        'cmi.core.lesson_status': 'failed',
      },
      0,
    );
    expect(progress).to.deep.equal({
      lessonsDone: 2,
      lessonsTotal: 2,
      completion: 'completed',
      success: 'failed',
    });
    expect(progressFromCmi('1.2', { 'cmi.core.lesson_status': 'incomplete' }, 5)).to.deep.equal({
      lessonsDone: 0,
      lessonsTotal: 5,
      completion: 'incomplete',
      success: 'unknown',
    });
  });

  it('says "not started" with nothing to count', () => {
    expect(playerTexts('sv').progress(progressFromCmi('2004', {}, 0))).to.equal('Inte påbörjad');
  });
});
