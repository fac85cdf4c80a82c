import { expect } from 'chai';
import { formatResponse, sessionTime12, sessionTime2004, timestamp2004 } from '../../src/index';

describe('interaction formats', () => {
  const ids = ['a', 'b', 'c'];

  it('writes choice responses as position characters in 1.2 and ids joined by [,] in 2004', () => {
    expect(formatResponse('scorm12', { type: 'choice', ids: ['c', 'a'] }, ['x', 'y', 'c', 'a'])).to.equal(
      'c,d',
    );
    expect(formatResponse('scorm2004', { type: 'choice', ids: ['c', 'a'] }, ids)).to.equal('c[,]a');
  });

  it('writes true-false as t/f in 1.2 and true/false in 2004', () => {
    expect(formatResponse('scorm12', { type: 'true-false', value: false }, [])).to.equal('f');
    expect(formatResponse('scorm2004', { type: 'true-false', value: true }, [])).to.equal('true');
  });

  it('writes matching pairs as source.target', () => {
    const pairs = [['p1', 'p2'] as const, ['p2', 'p1'] as const];
    expect(formatResponse('scorm12', { type: 'matching', pairs }, ['p1', 'p2'])).to.equal('a.b,b.a');
    expect(formatResponse('scorm2004', { type: 'matching', pairs }, ['p1', 'p2'])).to.equal(
      'p1[.]p2[,]p2[.]p1',
    );
  });

  it('formats session time for both versions', () => {
    const ms = ((1 * 60 + 2) * 60 + 3.5) * 1000;
    expect(sessionTime12(ms)).to.equal('0001:02:03.50');
    expect(sessionTime2004(ms)).to.equal('PT1H2M3.5S');
    expect(sessionTime2004(0)).to.equal('PT0H0M0S');
  });

  it('formats a 2004 timestamp without zone at second precision', () => {
    expect(timestamp2004(new Date(2026, 0, 5, 7, 8, 9))).to.equal('2026-01-05T07:08:09');
  });
});
