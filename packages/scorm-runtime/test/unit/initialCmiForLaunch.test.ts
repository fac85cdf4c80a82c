import { expect } from 'chai';
import { initialCmiForLaunch } from '../../src/index';

const learner = { id: 'person-1', name: 'Anna Andersson' };

describe('initialCmiForLaunch', () => {
  it('2004, first launch: learner, ab-initio, credit, normal mode, zero time', () => {
    expect(initialCmiForLaunch('2004', {}, learner, { totalTimeSeconds: 0 })).to.deep.equal({
      'cmi.learner_id': 'person-1',
      'cmi.learner_name': 'Anna Andersson',
      'cmi.entry': 'ab-initio',
      'cmi.credit': 'credit',
      'cmi.mode': 'normal',
      'cmi.total_time': 'PT0H0M0S',
    });
  });

  it('2004, after a suspend: the stored data and entry resume; no blanks, exit, session time or LMS values', () => {
    const stored = {
      'cmi.location': 'lesson-2',
      'cmi.suspend_data': '{"v":1}',
      'cmi.exit': 'suspend',
      'cmi.session_time': 'PT5M',
      'cmi.total_time': 'PT9H',
      'cmi.score.raw': '',
      'cmi.learner_name': 'Old name',
      'cmi.objectives.0.id': 'o1',
    };
    expect(initialCmiForLaunch('scorm2004', stored, learner, { totalTimeSeconds: 3903.5 })).to.deep.equal({
      'cmi.location': 'lesson-2',
      'cmi.suspend_data': '{"v":1}',
      'cmi.objectives.0.id': 'o1',
      'cmi.learner_id': 'person-1',
      'cmi.learner_name': 'Anna Andersson',
      'cmi.entry': 'resume',
      'cmi.credit': 'credit',
      'cmi.mode': 'normal',
      'cmi.total_time': 'PT1H5M3.5S',
    });
  });

  it('writes stored numbers as the strings scorm-again expects', () => {
    const cmi = initialCmiForLaunch('2004', { 'cmi.score.raw': 12.5 }, learner, { totalTimeSeconds: 0 });
    expect(cmi['cmi.score.raw']).to.equal('12.5');
  });

  it('2004, after a normal exit: ab-initio', () => {
    const cmi = initialCmiForLaunch('2004', { 'cmi.exit': 'normal' }, learner, { totalTimeSeconds: 0 });
    expect(cmi['cmi.entry']).to.equal('ab-initio');
  });

  it('1.2: student id and name, entry by the stored exit, total time as HHHH:MM:SS.SS', () => {
    expect(initialCmiForLaunch('1.2', {}, learner, { totalTimeSeconds: 60 })).to.deep.equal({
      'cmi.core.student_id': 'person-1',
      'cmi.core.student_name': 'Anna Andersson',
      'cmi.core.entry': 'ab-initio',
      'cmi.core.credit': 'credit',
      'cmi.core.lesson_mode': 'normal',
      'cmi.core.total_time': '0000:01:00.00',
    });
    const stored = {
      'cmi.core.exit': 'suspend',
      'cmi.core.lesson_location': 'l2',
      'cmi.core.student_id': 'x',
    };
    const resumed = initialCmiForLaunch('1.2', stored, learner, { totalTimeSeconds: 0 });
    expect(resumed).to.include({
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_location': 'l2',
      'cmi.core.student_id': 'person-1',
    });
    expect(resumed).to.not.have.property('cmi.core.exit');
    const after = initialCmiForLaunch(
      '1.2',
      { 'cmi.core.exit': '', 'cmi.core.lesson_status': 'passed' },
      learner,
      {
        totalTimeSeconds: 0,
      },
    );
    expect(after['cmi.core.entry']).to.equal('');
  });
});
