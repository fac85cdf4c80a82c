import { expect } from 'chai';
import {
  cmi12,
  cmi2004,
  deriveAttemptState,
  formatResponse,
  initialCmiForLaunch,
  sessionTime12,
  sessionTime2004,
  timeOfDay12,
  timestamp2004,
  validateCmiCommit,
  type CmiValidationResult,
} from '../../src/index';
import { beaconsRead, removeStandIns, startScormAgain, type ScormAgainRun } from './scormAgainHarness';

/**
 * The commits scorm-again 3 really sends (run in Node, see scormAgainHarness.ts), for a session
 * written the way our course runtime (course-builder/runtime/Tracker.ts) writes it.
 */

function valid(result: CmiValidationResult): Extract<CmiValidationResult, { ok: true }>['cmi'] {
  if (!result.ok) expect.fail(JSON.stringify(result.problems, null, 2));
  return result.cmi;
}

const lessons = ['urn:kompetenta:handledare:lesson:1', 'urn:kompetenta:handledare:lesson:2'];
const question = 'urn:kompetenta:handledare:question:1';
const learner = { id: 'person-1', name: 'Anna Andersson' };

/** A 2004 session as the course runtime writes it: objectives, an answer, progress, exit. */
function play2004(run: ScormAgainRun, finish: 'suspend' | 'normal'): void {
  const { api } = run;
  const call = (name: string, ...args: string[]): string => api[name]!.apply(api, args);
  expect(call('Initialize', '')).to.equal('true');
  lessons.forEach((id, n) => call('SetValue', cmi2004.objective(n).id, id));
  const el = cmi2004.interaction(0);
  call('SetValue', el.id, question);
  call('SetValue', el.type, 'choice');
  call('SetValue', el.objectiveId, lessons[0]!);
  call('SetValue', el.timestamp, timestamp2004(new Date()));
  call('SetValue', el.weighting, '1');
  call('SetValue', el.description, 'Vad gör en handledare först?');
  call(
    'SetValue',
    el.correctResponse,
    formatResponse('scorm2004', { type: 'choice', ids: ['b'] }, ['a', 'b']),
  );
  call(
    'SetValue',
    el.learnerResponse,
    formatResponse('scorm2004', { type: 'choice', ids: ['b'] }, ['a', 'b']),
  );
  call('SetValue', el.result, 'correct');
  call('SetValue', cmi2004.objective(0).completionStatus, 'completed');
  call('SetValue', cmi2004.objective(0).successStatus, 'passed');
  call('SetValue', cmi2004.objective(0).scoreScaled, '1');
  call('SetValue', cmi2004.location, 'lesson-2');
  call('SetValue', cmi2004.suspendData, '{"v":1,"visited":["l1","l2"],"answers":{"q1":["b"]}}');
  call('SetValue', cmi2004.completionStatus, finish === 'normal' ? 'completed' : 'incomplete');
  call('SetValue', cmi2004.progressMeasure, finish === 'normal' ? '1' : '0.5');
  call('SetValue', cmi2004.scoreMin, '0');
  call('SetValue', cmi2004.scoreMax, '100');
  call('SetValue', cmi2004.scoreRaw, '80');
  call('SetValue', cmi2004.scoreScaled, '0.8');
  call('SetValue', cmi2004.successStatus, finish === 'normal' ? 'passed' : 'unknown');
  expect(call('Commit', '')).to.equal('true');
  call('SetValue', cmi2004.exit, finish);
  call('SetValue', cmi2004.sessionTime, sessionTime2004(5 * 60 * 1000));
  expect(call('Terminate', '')).to.equal('true');
}

/** A 1.2 session as the course runtime writes it. */
function play12(run: ScormAgainRun, finish: 'suspend' | ''): void {
  const { api } = run;
  const call = (name: string, ...args: string[]): string => api[name]!.apply(api, args);
  expect(call('LMSInitialize', '')).to.equal('true');
  lessons.forEach((id, n) => call('LMSSetValue', cmi12.objective(n).id, id));
  const el = cmi12.interaction(0);
  call('LMSSetValue', el.id, question);
  call('LMSSetValue', el.type, 'choice');
  call('LMSSetValue', el.objectiveId, lessons[0]!);
  call('LMSSetValue', el.time, timeOfDay12(new Date()));
  call('LMSSetValue', el.weighting, '1');
  call(
    'LMSSetValue',
    el.correctResponse,
    formatResponse('scorm12', { type: 'choice', ids: ['b'] }, ['a', 'b']),
  );
  call(
    'LMSSetValue',
    el.learnerResponse,
    formatResponse('scorm12', { type: 'choice', ids: ['b'] }, ['a', 'b']),
  );
  call('LMSSetValue', el.result, 'correct');
  call('LMSSetValue', cmi12.objective(0).status, 'passed');
  call('LMSSetValue', cmi12.lessonLocation, 'lesson-2');
  call('LMSSetValue', cmi12.suspendData, '{"v":1,"visited":["l1"]}');
  call('LMSSetValue', cmi12.scoreMin, '0');
  call('LMSSetValue', cmi12.scoreMax, '100');
  call('LMSSetValue', cmi12.scoreRaw, '80');
  call('LMSSetValue', cmi12.lessonStatus, finish === '' ? 'passed' : 'incomplete');
  expect(call('LMSCommit', '')).to.equal('true');
  call('LMSSetValue', cmi12.exit, finish);
  call('LMSSetValue', cmi12.sessionTime, sessionTime12(5 * 60 * 1000));
  expect(call('LMSFinish', '')).to.equal('true');
}

describe('commits from scorm-again 3 (flattened)', () => {
  afterEach(async () => {
    await beaconsRead();
    removeStandIns();
  });

  describe('SCORM 2004', () => {
    it('every commit of a realistic session validates, without the LMS-owned elements', async () => {
      const run = await startScormAgain('2004');
      run.load(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 0 }));
      play2004(run, 'suspend');
      await beaconsRead();
      expect(run.commits.map((c) => c.via)).to.deep.equal(['xhr', 'beacon']);
      for (const commit of run.commits) {
        const cmi = valid(validateCmiCommit('2004', commit.cmi));
        expect(commit.cmi).to.include.keys(
          'cmi.learner_id',
          'cmi.learner_name',
          'cmi.credit',
          'cmi.mode',
          'cmi.entry',
        );
        expect(cmi).to.not.have.any.keys(
          'cmi.learner_id',
          'cmi.learner_name',
          'cmi.credit',
          'cmi.mode',
          'cmi.entry',
        );
        expect(cmi).to.include({ 'cmi.location': 'lesson-2', 'cmi.interactions.0.learner_response': 'b' });
      }
    });

    it('sends total_time (loaded total + session time) only with the Terminate commit', async () => {
      const run = await startScormAgain('2004');
      run.load(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 3600 }));
      play2004(run, 'suspend');
      await beaconsRead();
      const [intermediate, last] = run.commits;
      expect(intermediate?.cmi).to.not.have.property('cmi.total_time');
      expect(last?.cmi).to.have.property('cmi.total_time', 'PT1H5M');
      const state = deriveAttemptState('2004', valid(validateCmiCommit('2004', last?.cmi)), {
        totalTimeSeconds: 3600,
      });
      expect(state.totalTimeSeconds).to.equal(3900);
      const early = deriveAttemptState('2004', valid(validateCmiCommit('2004', intermediate?.cmi)), {
        totalTimeSeconds: 3600,
      });
      expect(early.totalTimeSeconds).to.equal(3600);
    });

    it('resumes: the stored commit loads back, with entry resume and the stored total time', async () => {
      const first = await startScormAgain('2004');
      first.load(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 0 }));
      play2004(first, 'suspend');
      await beaconsRead();
      const stored = valid(validateCmiCommit('2004', first.commits.at(-1)?.cmi));
      const second = await startScormAgain('2004');
      second.load(initialCmiForLaunch('2004', stored, learner, { totalTimeSeconds: 300 }));
      const { api } = second;
      expect(api['Initialize']!('')).to.equal('true');
      expect(api['GetValue']!('cmi.entry')).to.equal('resume');
      expect(api['GetValue']!('cmi.location')).to.equal('lesson-2');
      expect(api['GetValue']!('cmi.suspend_data')).to.contain('"visited"');
      expect(api['GetValue']!('cmi.learner_name')).to.equal('Anna Andersson');
      expect(api['GetValue']!('cmi.objectives._count')).to.equal('2');
      expect(api['GetValue']!('cmi.interactions.0.learner_response')).to.equal('b');
      expect(api['GetValue']!('cmi.score.scaled')).to.equal('0.8');
      expect(api['GetLastError']!()).to.equal('0');
    });

    it('derives completed, passed and 0.8 from a finished session', async () => {
      const run = await startScormAgain('2004');
      run.load(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 0 }));
      play2004(run, 'normal');
      await beaconsRead();
      const cmi = valid(validateCmiCommit('2004', run.commits.at(-1)?.cmi));
      expect(deriveAttemptState('2004', cmi, { totalTimeSeconds: 0 })).to.deep.equal({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.8,
        totalTimeSeconds: 300,
      });
    });
  });

  describe('elements our course does not write', () => {
    it('2004: a session that writes nothing, then comments and preferences, validates', async () => {
      const run = await startScormAgain('2004');
      run.load(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 0 }));
      const call = (name: string, ...args: string[]): string => run.api[name]!.apply(run.api, args);
      call('Initialize', '');
      call('Commit', '');
      call('SetValue', 'cmi.comments_from_learner.0.comment', '{lang=sv}Bra, men för långt');
      call('SetValue', 'cmi.comments_from_learner.0.location', 'lesson-1');
      call('SetValue', 'cmi.comments_from_learner.0.timestamp', '2026-11-28T10:15:00');
      call('SetValue', 'cmi.learner_preference.language', 'sv');
      call('SetValue', 'cmi.learner_preference.audio_captioning', '1');
      call('SetValue', 'cmi.interactions.0.id', 'q-essay');
      call('SetValue', 'cmi.interactions.0.type', 'long-fill-in');
      call('SetValue', 'cmi.interactions.0.learner_response', 'Ett längre svar.');
      call('SetValue', 'cmi.interactions.0.latency', 'PT2M');
      expect(call('GetLastError')).to.equal('0');
      call('Terminate', '');
      await beaconsRead();
      expect(run.commits.map((c) => c.via)).to.deep.equal(['xhr', 'beacon']);
      for (const commit of run.commits) valid(validateCmiCommit('2004', commit.cmi));
      const last = valid(validateCmiCommit('2004', run.commits.at(-1)?.cmi));
      expect(last).to.include({
        'cmi.comments_from_learner.0.location': 'lesson-1',
        'cmi.learner_preference.language': 'sv',
      });
    });

    it('1.2: a session that writes nothing, then comments and preferences, validates', async () => {
      const run = await startScormAgain('1.2');
      run.load(initialCmiForLaunch('1.2', {}, learner, { totalTimeSeconds: 0 }));
      const call = (name: string, ...args: string[]): string => run.api[name]!.apply(run.api, args);
      call('LMSInitialize', '');
      call('LMSCommit', '');
      call('LMSSetValue', 'cmi.comments', 'Bra kurs');
      call('LMSSetValue', 'cmi.student_preference.audio', '50');
      call('LMSSetValue', 'cmi.student_preference.text', '-1');
      call('LMSSetValue', 'cmi.interactions.0.id', 'q-tf');
      call('LMSSetValue', 'cmi.interactions.0.type', 'true-false');
      call('LMSSetValue', 'cmi.interactions.0.student_response', 't');
      call('LMSSetValue', 'cmi.interactions.0.latency', '0000:00:12.00');
      expect(call('LMSGetLastError')).to.equal('0');
      call('LMSFinish', '');
      await beaconsRead();
      expect(run.commits.map((c) => c.via)).to.deep.equal(['xhr', 'beacon']);
      for (const commit of run.commits) valid(validateCmiCommit('1.2', commit.cmi));
    });
  });

  describe('SCORM 1.2', () => {
    it('every commit of a realistic session validates, without the LMS-owned elements', async () => {
      const run = await startScormAgain('1.2');
      run.load(initialCmiForLaunch('1.2', {}, learner, { totalTimeSeconds: 0 }));
      play12(run, 'suspend');
      await beaconsRead();
      expect(run.commits.map((c) => c.via)).to.deep.equal(['xhr', 'beacon']);
      for (const commit of run.commits) {
        const cmi = valid(validateCmiCommit('1.2', commit.cmi));
        expect(commit.cmi).to.include.keys('cmi.core.student_id', 'cmi.core.student_name', 'cmi.core.entry');
        expect(cmi).to.not.have.any.keys('cmi.core.student_id', 'cmi.core.student_name', 'cmi.core.entry');
        expect(cmi).to.include({
          'cmi.core.lesson_location': 'lesson-2',
          'cmi.interactions.0.student_response': 'b',
        });
      }
    });

    it('sends total_time only with LMSFinish; resumes from the stored commit', async () => {
      const run = await startScormAgain('1.2');
      run.load(initialCmiForLaunch('1.2', {}, learner, { totalTimeSeconds: 3600 }));
      play12(run, 'suspend');
      await beaconsRead();
      const [intermediate, last] = run.commits;
      expect(intermediate?.cmi).to.not.have.property('cmi.core.total_time');
      expect(last?.cmi).to.have.property('cmi.core.total_time', '01:05:00');
      const stored = valid(validateCmiCommit('1.2', last?.cmi));
      expect(deriveAttemptState('1.2', stored, { totalTimeSeconds: 3600 })).to.deep.equal({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        scoreScaled: 0.8,
        totalTimeSeconds: 3900,
      });
      const second = await startScormAgain('1.2');
      second.load(initialCmiForLaunch('1.2', stored, learner, { totalTimeSeconds: 3900 }));
      const { api } = second;
      expect(api['LMSInitialize']!('')).to.equal('true');
      expect(api['LMSGetValue']!('cmi.core.entry')).to.equal('resume');
      expect(api['LMSGetValue']!('cmi.core.lesson_location')).to.equal('lesson-2');
      expect(api['LMSGetValue']!('cmi.core.student_id')).to.equal('person-1');
      expect(api['LMSGetValue']!('cmi.core.total_time')).to.match(/^0*1:05:00/);
      expect(api['LMSGetLastError']!()).to.equal('0');
    });
  });
});
