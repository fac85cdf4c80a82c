import { expect } from 'chai';
import { agsScoreChanged, toAgsScore, type AgsScoreSource } from '../../src/index';

const at = new Date('2026-11-28T10:15:00.123Z');

function score(attempt: Partial<AgsScoreSource>): ReturnType<typeof toAgsScore> {
  return toAgsScore(
    { completionStatus: 'unknown', successStatus: 'unknown', scoreScaled: null, commitSeq: 1, ...attempt },
    'lti-sub-1',
    at,
  );
}

describe('toAgsScore', () => {
  it('before the first commit: Initialized, NotReady, no score', () => {
    expect(score({ commitSeq: 0, completionStatus: 'not_attempted' })).to.deep.equal({
      userId: 'lti-sub-1',
      scoreMaximum: 100,
      activityProgress: 'Initialized',
      gradingProgress: 'NotReady',
      timestamp: '2026-11-28T10:15:00.123Z',
    });
  });

  const table: readonly [Partial<AgsScoreSource>, string, string, number | undefined][] = [
    [{ completionStatus: 'not_attempted' }, 'Started', 'Pending', undefined],
    [{ completionStatus: 'unknown' }, 'Started', 'Pending', undefined],
    [{ completionStatus: 'incomplete' }, 'InProgress', 'Pending', undefined],
    [{ completionStatus: 'incomplete', scoreScaled: 0 }, 'InProgress', 'Pending', 0],
    [{ completionStatus: 'completed' }, 'Completed', 'Pending', undefined],
    [{ completionStatus: 'completed', scoreScaled: 0.8 }, 'Completed', 'FullyGraded', 80],
    [
      { completionStatus: 'completed', successStatus: 'passed', scoreScaled: 1 },
      'Completed',
      'FullyGraded',
      100,
    ],
    [
      { completionStatus: 'completed', successStatus: 'failed', scoreScaled: 0.3 },
      'Completed',
      'FullyGraded',
      30,
    ],
    [
      { completionStatus: 'incomplete', successStatus: 'failed', scoreScaled: 0.2 },
      'InProgress',
      'FullyGraded',
      20,
    ],
    [{ completionStatus: 'completed', scoreScaled: 0.66666 }, 'Completed', 'FullyGraded', 66.67],
    [{ completionStatus: 'completed', scoreScaled: 0.12345 }, 'Completed', 'FullyGraded', 12.35],
  ];
  for (const [attempt, activityProgress, gradingProgress, scoreGiven] of table) {
    it(`${JSON.stringify(attempt)} → ${activityProgress}, ${gradingProgress}, ${scoreGiven}`, () => {
      const result = score(attempt);
      expect(result).to.include({ activityProgress, gradingProgress, scoreMaximum: 100 });
      if (scoreGiven === undefined) expect(result).to.not.have.property('scoreGiven');
      else expect(result.scoreGiven).to.equal(scoreGiven);
    });
  }

  it('never sends Failed, whatever the attempt', () => {
    const completions = ['not_attempted', 'incomplete', 'completed', 'unknown'] as const;
    const successes = ['passed', 'failed', 'unknown'] as const;
    for (const completionStatus of completions)
      for (const successStatus of successes)
        for (const scoreScaled of [null, 0, 1])
          for (const commitSeq of [0, 5])
            expect(
              score({ completionStatus, successStatus, scoreScaled, commitSeq }).gradingProgress,
            ).to.not.equal('Failed');
  });
});

describe('agsScoreChanged', () => {
  const base = score({ completionStatus: 'incomplete', scoreScaled: 0.5 });

  it('a first score is a change', () => {
    expect(agsScoreChanged(null, base)).to.equal(true);
  });

  it('ignores the timestamp', () => {
    expect(agsScoreChanged(base, { ...base, timestamp: new Date(0).toISOString() })).to.equal(false);
  });

  it('sees a new score, progress or grading state', () => {
    expect(agsScoreChanged(base, score({ completionStatus: 'incomplete', scoreScaled: 0.6 }))).to.equal(true);
    expect(agsScoreChanged(base, score({ completionStatus: 'completed', scoreScaled: 0.5 }))).to.equal(true);
    expect(agsScoreChanged(base, score({ completionStatus: 'incomplete', scoreScaled: null }))).to.equal(
      true,
    );
    expect(
      agsScoreChanged(
        base,
        score({ completionStatus: 'incomplete', successStatus: 'failed', scoreScaled: 0.5 }),
      ),
    ).to.equal(true);
  });
});
