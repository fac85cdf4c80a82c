import { expect } from 'chai';
import { parsePlayerConfig } from '../../src/config';

const valid = {
  lang: 'sv',
  scormVersion: '2004',
  attemptId: 'a1',
  contentUrl: '/content/x/1.0.0/2004/index.html',
  commitUrl: '/api/attempts/a1/commit?token=t',
  initialCmi: { 'cmi.location': 'l1', 'cmi.score.raw': 50 },
  nextSeq: 1,
  course: { title: 'Kurs', lessons: [{ id: 'l1', title: 'Ett', minutes: 5 }] },
  exitUrl: null,
};

describe('parsePlayerConfig', () => {
  it('accepts the contract example', () => {
    expect(parsePlayerConfig(valid)).to.deep.equal({ ok: true, config: valid });
  });

  it('lists every problem with its place', () => {
    const result = parsePlayerConfig({
      ...valid,
      lang: 'de',
      scormVersion: '3',
      nextSeq: 0,
      commitUrl: '',
      initialCmi: { 'cmi.location': { nested: true } },
      course: { title: 'Kurs', lessons: [{ id: 'l1', minutes: -1 }] },
    });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).to.have.members([
      'lang',
      'scormVersion',
      'nextSeq',
      'commitUrl',
      'initialCmi["cmi.location"]',
      'course.lessons[0].minutes',
      'course.lessons[0].title',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(parsePlayerConfig(null)).to.deep.equal({
      ok: false,
      problems: [{ path: '', message: 'must be an object' }],
    });
  });
});
