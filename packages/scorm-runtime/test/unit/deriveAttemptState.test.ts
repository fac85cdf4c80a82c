import { expect } from 'chai';
import { deriveAttemptState, lessonStatusMapping12, lessonStatus12 } from '../../src/index';

const fresh = { totalTimeSeconds: 0 };

describe('deriveAttemptState', () => {
  describe('SCORM 1.2 lesson_status', () => {
    const table = [
      ['passed', 'completed', 'passed'],
      ['completed', 'completed', 'unknown'],
      ['failed', 'completed', 'failed'],
      ['incomplete', 'incomplete', 'unknown'],
      ['browsed', 'incomplete', 'unknown'],
      ['not attempted', 'not_attempted', 'unknown'],
    ] as const;

    for (const [lessonStatus, completionStatus, successStatus] of table) {
      it(`${lessonStatus} → ${completionStatus} / ${successStatus}`, () => {
        const state = deriveAttemptState('1.2', { 'cmi.core.lesson_status': lessonStatus }, fresh);
        expect(state).to.include({ completionStatus, successStatus });
      });
    }

    it('the table covers every lesson_status value', () => {
      expect(Object.keys(lessonStatusMapping12)).to.have.members([...lessonStatus12]);
      expect(table.map(([status]) => status)).to.have.members([...lessonStatus12]);
    });

    it('a missing lesson_status is not attempted; scorm12 spelling works too', () => {
      expect(deriveAttemptState('scorm12', {}, fresh)).to.deep.equal({
        completionStatus: 'not_attempted',
        successStatus: 'unknown',
        scoreScaled: null,
        totalTimeSeconds: 0,
      });
    });

    it('scales raw within min..max, with min 0 and max 100 when blank', () => {
      const score = (cmi: Record<string, string>): number | null =>
        deriveAttemptState('1.2', cmi, fresh).scoreScaled;
      expect(score({ 'cmi.core.score.raw': '80' })).to.equal(0.8);
      expect(
        score({ 'cmi.core.score.raw': '80', 'cmi.core.score.min': '', 'cmi.core.score.max': '100' }),
      ).to.equal(0.8);
      expect(
        score({ 'cmi.core.score.raw': '15', 'cmi.core.score.min': '10', 'cmi.core.score.max': '20' }),
      ).to.equal(0.5);
      expect(score({ 'cmi.core.score.raw': '0' })).to.equal(0);
      expect(score({ 'cmi.core.score.raw': '' })).to.equal(null);
      expect(
        score({ 'cmi.core.score.raw': '5', 'cmi.core.score.min': '10', 'cmi.core.score.max': '10' }),
      ).to.equal(null);
    });

    it('reads total time from cmi.core.total_time', () => {
      const state = deriveAttemptState(
        '1.2',
        { 'cmi.core.total_time': '0001:30:00.50' },
        { totalTimeSeconds: 10 },
      );
      expect(state.totalTimeSeconds).to.equal(5401);
    });
  });

  describe('SCORM 2004 completion_status / success_status', () => {
    const completions = [
      ['completed', 'completed'],
      ['incomplete', 'incomplete'],
      ['not attempted', 'not_attempted'],
      ['unknown', 'unknown'],
    ] as const;
    const successes = ['passed', 'failed', 'unknown'] as const;

    for (const [completion, completionStatus] of completions) {
      for (const success of successes) {
        it(`${completion} + ${success} → ${completionStatus} / ${success}`, () => {
          const cmi = { 'cmi.completion_status': completion, 'cmi.success_status': success };
          expect(deriveAttemptState('2004', cmi, fresh)).to.include({
            completionStatus,
            successStatus: success,
          });
        });
      }
    }

    it('missing or blank statuses are unknown', () => {
      expect(deriveAttemptState('2004', {}, fresh)).to.include({
        completionStatus: 'unknown',
        successStatus: 'unknown',
      });
      expect(deriveAttemptState('2004', { 'cmi.completion_status': '' }, fresh).completionStatus).to.equal(
        'unknown',
      );
    });

    it('uses score.scaled, else raw within min..max, else none', () => {
      const score = (cmi: Record<string, string | number>): number | null =>
        deriveAttemptState('scorm2004', cmi, fresh).scoreScaled;
      expect(score({ 'cmi.score.scaled': '0.75', 'cmi.score.raw': '10' })).to.equal(0.75);
      expect(score({ 'cmi.score.scaled': 0.5 })).to.equal(0.5);
      expect(score({ 'cmi.score.raw': '30', 'cmi.score.min': '0', 'cmi.score.max': '40' })).to.equal(0.75);
      expect(
        score({ 'cmi.score.scaled': '', 'cmi.score.raw': '30', 'cmi.score.min': '0', 'cmi.score.max': '40' }),
      ).to.equal(0.75);
      expect(score({ 'cmi.score.raw': '30' })).to.equal(null);
      expect(score({ 'cmi.score.scaled': '-0.5' })).to.equal(0);
      expect(score({})).to.equal(null);
    });
  });

  describe('total time', () => {
    it('takes the reported total when it is larger and never moves backwards', () => {
      expect(
        deriveAttemptState('2004', { 'cmi.total_time': 'PT1H5M' }, { totalTimeSeconds: 60 }).totalTimeSeconds,
      ).to.equal(3900);
      expect(
        deriveAttemptState('2004', { 'cmi.total_time': 'PT30S' }, { totalTimeSeconds: 60 }).totalTimeSeconds,
      ).to.equal(60);
      expect(
        deriveAttemptState('2004', { 'cmi.session_time': 'PT10M' }, { totalTimeSeconds: 60 })
          .totalTimeSeconds,
      ).to.equal(60);
    });
  });

  describe('best result with the stored attempt as previous', () => {
    const finished = {
      totalTimeSeconds: 600,
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 0.9,
    } as const;

    it('a fresh session after completion does not take completion, success or score back', () => {
      const cmi = {
        'cmi.completion_status': 'incomplete',
        'cmi.success_status': 'unknown',
        'cmi.score.scaled': '0',
      };
      expect(deriveAttemptState('2004', cmi, finished)).to.deep.equal({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.9,
        totalTimeSeconds: 600,
      });
    });

    it('a failed attempt can still turn into a pass with a better score', () => {
      const before = {
        totalTimeSeconds: 0,
        completionStatus: 'completed',
        successStatus: 'failed',
        scoreScaled: 0.4,
      } as const;
      expect(
        deriveAttemptState('1.2', { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '85' }, before),
      ).to.include({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.85,
      });
    });

    it('keeps the stored score when the commit has none', () => {
      const before = {
        totalTimeSeconds: 0,
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        scoreScaled: 0.3,
      } as const;
      expect(deriveAttemptState('2004', {}, before).scoreScaled).to.equal(0.3);
    });
  });
});
