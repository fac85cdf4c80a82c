import { expectAppError } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { readGradePayload, retryAfterMs, scoresUrl } from '../../src/ags/index';

describe('AGS score URL', () => {
  it('appends /scores to the path of the line item, before its query string', () => {
    expect(scoresUrl('https://lms.example.se/api/lti/courses/7/line_items/3')).to.equal(
      'https://lms.example.se/api/lti/courses/7/line_items/3/scores',
    );
    expect(
      scoresUrl('https://lms.example.se/mod/lti/services.php/2/lineitems/9/lineitem?type_id=4'),
    ).to.equal('https://lms.example.se/mod/lti/services.php/2/lineitems/9/lineitem/scores?type_id=4');
    expect(scoresUrl('https://lms.example.se/lineitems/9/?a=1&b=2#x')).to.equal(
      'https://lms.example.se/lineitems/9/scores?a=1&b=2',
    );
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  it('reads delta-seconds and an HTTP-date, and ignores what it cannot read', () => {
    expect(retryAfterMs('120', now)).to.equal(120_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:30 GMT', now)).to.equal(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 07:00:00 GMT', now), 'in the past').to.equal(0);
    expect(retryAfterMs('soon', now)).to.equal(undefined);
    expect(retryAfterMs(null, now)).to.equal(undefined);
  });
});

describe('grade payload', () => {
  const valid = {
    attemptId: 'a1',
    platformId: 'p1',
    lineItemUrl: 'https://lms.example.se/lineitems/1',
    score: {
      userId: 'u1',
      scoreGiven: 80,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: '2026-03-02T08:00:00.000Z',
    },
  };

  it('accepts a grade message as the commit handler writes it', () => {
    expect(readGradePayload(valid)).to.deep.equal(valid);
  });

  it('lists every problem and marks the failure permanent', async () => {
    const error = (await expectAppError(
      () =>
        Promise.resolve().then(() =>
          readGradePayload({
            attemptId: '',
            platformId: 'p1',
            lineItemUrl: 'ftp://x',
            score: { ...valid.score, gradingProgress: 'Failed', timestamp: '2026-03-02' },
          }),
        ),
      'GRADE_PAYLOAD_INVALID',
    )) as Error & { details: { permanent: boolean; problems: string[] } };
    expect(error.details.permanent).to.equal(true);
    expect(error.details.problems).to.deep.equal([
      'attemptId: must be a non-empty string',
      'lineItemUrl: must be an http(s) URL',
      'score.gradingProgress: must be one of FullyGraded, Pending, PendingManual, NotReady',
      'score.timestamp: must be an ISO 8601 time with milliseconds',
    ]);
  });
});
