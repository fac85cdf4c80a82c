import { expect } from 'chai';
import { maxCommitElements, validateCmiCommit } from '../../src/index';
import { kept, problemOf, problems } from './validationAssertions';

describe('validateCmiCommit', () => {
  describe('the whole commit', () => {
    for (const input of [null, 'cmi', 42, [], [{ 'cmi.location': 'x' }]]) {
      it(`refuses ${JSON.stringify(input)} as the CMI`, () => {
        expect(problems(validateCmiCommit('2004', input))).to.deep.equal([
          { element: 'cmi', message: 'must be an object of CMI element names to values' },
        ]);
      });
    }

    it(`refuses more than ${maxCommitElements} elements`, () => {
      const cmi = Object.fromEntries(
        Array.from({ length: maxCommitElements + 1 }, (_, i) => [`cmi.x${i}`, '']),
      );
      const list = problems(validateCmiCommit('2004', cmi));
      expect(list).to.have.length(1);
      expect(list[0]?.message).to.contain(`at most ${maxCommitElements}`);
    });

    it('accepts an empty commit', () => {
      expect(kept(validateCmiCommit('2004', {}))).to.deep.equal({});
    });

    it('lists every problem at once', () => {
      const list = problems(
        validateCmiCommit('2004', {
          'cmi.location': 'ok',
          'cmi.completion_status': 'done',
          'cmi.score.scaled': '2',
          'cmi.secret': 'x',
          'cmi.exit': true,
        }),
      );
      expect(list.map((p) => p.element)).to.have.members([
        'cmi.completion_status',
        'cmi.score.scaled',
        'cmi.secret',
        'cmi.exit',
      ]);
    });
  });

  describe('SCORM 2004', () => {
    it('keeps valid learner elements, with blanks and numbers as sent', () => {
      const cmi = {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'failed',
        'cmi.score.scaled': '-0.25',
        'cmi.score.raw': 12.5,
        'cmi.progress_measure': '1',
        'cmi.location': 'lesson-3',
        'cmi.exit': '',
        'cmi.session_time': 'PT1H2M3.5S',
        'cmi.total_time': 'PT2H',
        'cmi.learner_preference.language': 'sv-SE',
        'cmi.learner_preference.audio_captioning': '-1',
        'cmi.comments_from_learner.0.comment': '{lang=sv}Bra kurs',
        'cmi.comments_from_learner.0.timestamp': '2026-11-28T10:15:00.5+01:00',
        'cmi.objectives.99.id': 'urn:kompetenta:handledare:lesson:1',
        'cmi.interactions.249.id': 'q-250',
        'cmi.interactions.249.latency': 'PT5S',
        // Accepted by scorm-again's checks in the browser, so by us too.
        'cmi.interactions.0.latency': 'P1W',
        'cmi.interactions.0.timestamp': '2026-11-28T10:15:00.123456Z',
        'cmi.objectives.1.id': 'lesson one',
      };
      expect(kept(validateCmiCommit('2004', cmi))).to.deep.equal(cmi);
    });

    it('drops the LMS-owned elements scorm-again echoes, whatever their value', () => {
      const cmi = kept(
        validateCmiCommit('2004', {
          'cmi.learner_id': 'someone-else',
          'cmi.learner_name': 'X',
          'cmi.credit': 'no-credit',
          'cmi.mode': 'review',
          'cmi.entry': 'resume',
          'cmi.launch_data': '',
          'cmi.max_time_allowed': '',
          'cmi.time_limit_action': 'continue,no message',
          'cmi.completion_threshold': '',
          'cmi.scaled_passing_score': '',
          'cmi.comments_from_lms': {},
          'cmi.comments_from_lms.0.comment': 'x',
          'cmi._version': '1.0',
          'cmi.objectives._count': 3,
          'cmi.comments_from_learner': {},
          'cmi.interactions.0.objectives': {},
          'cmi.interactions.0.correct_responses': [],
          'cmi.location': 'kept',
        }),
      );
      expect(cmi).to.deep.equal({ 'cmi.location': 'kept' });
    });

    const rejected: readonly [string, unknown, string][] = [
      ['cmi.completion_status', 'done', '"done" is not one of'],
      ['cmi.success_status', 'Passed', 'is not one of'],
      ['cmi.exit', 'quit', 'is not one of'],
      ['cmi.score.scaled', '1.5', '1.5 is out of range -1..1'],
      ['cmi.score.scaled', '-1.01', 'out of range'],
      ['cmi.progress_measure', '1.1', 'out of range 0..1'],
      ['cmi.score.raw', 'high', 'is not a decimal number'],
      ['cmi.score.raw', '1e3', 'is not a decimal number'],
      ['cmi.score.raw', Number.NaN, 'is not a finite number'],
      ['cmi.session_time', '00:05:00', 'ISO 8601 duration'],
      ['cmi.total_time', 'PT5X', 'ISO 8601 duration'],
      ['cmi.location', 'x'.repeat(1001), 'is 1001 characters long; at most 1000'],
      ['cmi.suspend_data', 'x'.repeat(64001), 'at most 64000'],
      ['cmi.learner_preference.language', 'svenska språket', 'language code'],
      ['cmi.learner_preference.audio_level', '-1', 'out of range'],
      ['cmi.comments_from_learner.0.comment', '{lang=}x', 'malformed {lang=…} prefix'],
      ['cmi.comments_from_learner.0.timestamp', '28/11/2026', 'ISO 8601 time'],
      ['cmi.objectives.0.id', 'line\nbreak', 'is not an identifier'],
      ['cmi.objectives.0.id', 'x'.repeat(4001), 'longer than 4000'],
      ['cmi.objectives.0.description', 'x'.repeat(251), 'at most 250'],
      ['cmi.interactions.0.type', 'essay', 'is not one of'],
      ['cmi.interactions.0.result', 'wrong', 'neither a number nor one of'],
      ['cmi.interactions.0.weighting', {}, 'must be a string or a number, not object'],
      ['cmi.location', null, 'not null'],
      ['cmi.location', ['a'], 'not an array'],
      ['cmi.location', true, 'not boolean'],
      ['cmi.objectives.100.id', 'o', 'cmi.objectives may have at most 100 entries'],
      ['cmi.interactions.250.id', 'q', 'cmi.interactions may have at most 250 entries'],
      ['cmi.interactions.0.objectives.10.id', 'o', 'at most 10 entries'],
      ['cmi.interactions', { 0: 'x' }, 'must be an empty array placeholder'],
    ];
    for (const [element, value, message] of rejected) {
      it(`rejects ${element} = ${JSON.stringify(value)?.slice(0, 30)}`, () => {
        expect(problemOf('2004', element, value))
          .to.contain(`${element}: `)
          .and.to.contain(message);
      });
    }

    const unknown = [
      'cmi.core.lesson_status',
      'cmi.foo',
      'cmi.objectives.01.id',
      'cmi.objectives.x.id',
      'cmi.interactions[0].id',
      'adl.nav.request',
      '__proto__',
      'constructor',
      'cmi.score',
      `cmi.${'x'.repeat(300)}`,
    ];
    for (const element of unknown) {
      it(`rejects the unknown element ${element.slice(0, 30)}`, () => {
        expect(problemOf('2004', element, '')).to.contain('is not an element of the SCORM 2004 data model');
      });
    }

    describe('learner responses by interaction type', () => {
      const responses: readonly [string, string, boolean][] = [
        ['true-false', 'true', true],
        ['true-false', 't', false],
        ['choice', 'a[,]b[,]c', true],
        ['choice', 'a b', true],
        ['choice', 'a\nb', false],
        ['choice', Array.from({ length: 37 }, (_, i) => `o${i}`).join('[,]'), false],
        ['sequencing', 'c[,]a[,]b', true],
        ['matching', 'p1[.]t2[,]p2[.]t1', true],
        ['matching', 'p1-t2', false],
        ['fill-in', '{lang=sv}hej[,]då', true],
        ['fill-in', 'x'.repeat(251), false],
        ['long-fill-in', 'x'.repeat(4000), true],
        ['long-fill-in', 'x'.repeat(4001), false],
        ['numeric', '3.14', true],
        ['numeric', 'pi', false],
        ['likert', 'agree', true],
        ['performance', 'step1[.]done[,][.]x', true],
        ['other', 'anything goes', true],
      ];
      for (const [type, response, ok] of responses) {
        it(`${ok ? 'accepts' : 'rejects'} a ${type} response ${response.slice(0, 24)}`, () => {
          const result = validateCmiCommit('2004', {
            'cmi.interactions.0.type': type,
            'cmi.interactions.0.learner_response': response,
          });
          expect(result.ok, JSON.stringify(result)).to.equal(ok);
        });
      }

      it('checks patterns with their flags and numeric ranges', () => {
        const ok = (type: string, pattern: string): boolean =>
          validateCmiCommit('2004', {
            'cmi.interactions.3.type': type,
            'cmi.interactions.3.correct_responses.0.pattern': pattern,
          }).ok;
        expect(ok('fill-in', '{case_matters=true}{order_matters=false}Svar')).to.equal(true);
        expect(ok('numeric', '1[:]5')).to.equal(true);
        expect(ok('numeric', '[:]5')).to.equal(true);
        expect(ok('numeric', '1[:]x')).to.equal(false);
      });

      it('checks a response without a type only for length', () => {
        expect(validateCmiCommit('2004', { 'cmi.interactions.0.learner_response': 'free text' }).ok).to.equal(
          true,
        );
        expect(
          validateCmiCommit('2004', { 'cmi.interactions.0.learner_response': 'x'.repeat(4001) }).ok,
        ).to.equal(false);
      });
    });
  });
});
