import { expect } from 'chai';
import { elementTable } from '../../src/commit/elementTable';
import { maxCommitElements, validateCmiCommit } from '../../src/index';
import { kept, problemOf } from './validationAssertions';

describe('validateCmiCommit', () => {
  describe('SCORM 1.2', () => {
    it('keeps valid learner elements', () => {
      const cmi = {
        'cmi.core.lesson_status': 'browsed',
        'cmi.core.lesson_location': 'l'.repeat(255),
        'cmi.core.exit': 'suspend',
        'cmi.core.session_time': '0000:05:00.00',
        'cmi.core.score.raw': '100',
        'cmi.core.score.min': '0',
        'cmi.suspend_data': 's'.repeat(4096),
        'cmi.comments': 'Tack!',
        'cmi.student_preference.audio': '-1',
        'cmi.student_preference.text': '1',
        'cmi.objectives.0.status': 'not attempted',
        'cmi.interactions.0.type': 'matching',
        'cmi.interactions.0.student_response': '1.a,2.b',
        'cmi.interactions.0.time': '23:59:59',
        'cmi.interactions.0.result': 'wrong',
        'cmi.interactions.1.type': 'true-false',
        'cmi.interactions.1.correct_responses.0.pattern': 't',
        'cmi.interactions.1.result': '0.5',
        // Looser than SCORM 1.2 but accepted by scorm-again's checks in the browser, so by us too.
        'cmi.objectives.1.id': 'lesson one',
        'cmi.objectives.1.score.raw': '.5',
        'cmi.objectives.1.score.max': '100.',
        'cmi.core.total_time': '123:00:00',
      };
      expect(kept(validateCmiCommit('1.2', cmi))).to.deep.equal(cmi);
    });

    it('drops what the LMS owns', () => {
      const cmi = kept(
        validateCmiCommit('scorm12', {
          'cmi.core.student_id': 'x',
          'cmi.core.student_name': 'x',
          'cmi.core.credit': '',
          'cmi.core.entry': 'resume',
          'cmi.core.lesson_mode': 'normal',
          'cmi.launch_data': '',
          'cmi.comments_from_lms': '',
          'cmi.student_data.mastery_score': '80',
          'cmi.interactions.0.objectives': {},
        }),
      );
      expect(cmi).to.deep.equal({});
    });

    const rejected: readonly [string, unknown, string][] = [
      ['cmi.core.lesson_status', 'completed!', 'is not one of'],
      ['cmi.core.exit', 'normal', 'is not one of'],
      ['cmi.core.score.raw', '101', 'out of range 0..100'],
      ['cmi.core.score.max', '-1', 'out of range'],
      ['cmi.core.session_time', 'PT5M', 'HHHH:MM:SS.SS'],
      ['cmi.core.lesson_location', 'l'.repeat(256), 'at most 255'],
      ['cmi.suspend_data', 's'.repeat(4097), 'at most 4096'],
      ['cmi.student_preference.speed', '101', 'out of range'],
      ['cmi.student_preference.text', '0.5', 'not a whole number'],
      ['cmi.interactions.0.time', '24:00:00', 'time of day'],
      ['cmi.interactions.0.result', 'incorrect', 'neither a number nor one of'],
      ['cmi.interactions.0.student_response', 'x'.repeat(4097), 'at most 4096'],
      ['cmi.objectives.0.id', 'x'.repeat(256), 'longer than 255'],
      ['cmi.objectives.0.id', 'lektion-ett-å', 'printable ASCII'],
      ['cmi.core.score.raw', '.', 'is not a decimal number'],
    ];
    for (const [element, value, message] of rejected) {
      it(`rejects ${element} = ${JSON.stringify(value)?.slice(0, 30)}`, () => {
        expect(problemOf('1.2', element, value)).to.contain(message);
      });
    }

    it('rejects 2004 elements in a 1.2 commit', () => {
      expect(problemOf('1.2', 'cmi.completion_status', 'completed')).to.contain('SCORM 1.2 data model');
    });

    it('checks responses for length only, as scorm-again does', () => {
      const ok = (type: string, response: string): boolean =>
        validateCmiCommit('1.2', {
          'cmi.interactions.0.type': type,
          'cmi.interactions.0.student_response': response,
        }).ok;
      expect(ok('choice', 'a,c')).to.equal(true);
      expect(ok('true-false', 'true')).to.equal(true);
      expect(ok('fill-in', 'f'.repeat(4096))).to.equal(true);
      expect(ok('fill-in', 'f'.repeat(4097))).to.equal(false);
    });
  });
});

describe('validateCmiCommit limits', () => {
  /** Every writable element once per objective and interaction, nested arrays with one entry. */
  function fullCommit(version: '1.2' | '2004'): Record<string, string> {
    const learnerElements = Object.entries(elementTable(version).rules)
      .filter(([, rule]) => rule.kind !== 'lms' && rule.kind !== 'container')
      .map(([pattern]) => pattern);
    const cmi: Record<string, string> = {};
    for (const pattern of learnerElements) {
      const top = pattern.startsWith('cmi.interactions.')
        ? 250
        : pattern.startsWith('cmi.objectives.')
          ? 100
          : 1;
      for (let n = 0; n < top; n++) cmi[pattern.replace('.n', `.${n}`).replace('.n', '.0')] = '';
    }
    return cmi;
  }

  for (const version of ['1.2', '2004'] as const) {
    it(`${version}: every element of 100 objectives and 250 interactions fits in one commit`, () => {
      const cmi = fullCommit(version);
      expect(Object.keys(cmi).length).to.be.at.most(maxCommitElements);
      expect(kept(validateCmiCommit(version, cmi))).to.deep.equal(cmi);
    });
  }
});
