import { expect } from 'chai';
import { readCommitResponse, retryDelayMs } from '../../src/commitResponse';

describe('readCommitResponse', () => {
  it('is saved on 200 {"result": true, "errorCode": 0} (applied or repeated commit)', () => {
    expect(readCommitResponse(200, '{"result":true,"errorCode":0}')).to.deep.equal({ kind: 'saved' });
  });

  it('carries a renewed token the server sent, and ignores one that is not a JWT', () => {
    expect(readCommitResponse(200, '{"result":true,"errorCode":0,"token":"aa.bb-c.d_d"}')).to.deep.equal({
      kind: 'saved',
      token: 'aa.bb-c.d_d',
    });
    for (const token of ['"x"', '"a.b.c&evil=1"', '42'])
      expect(readCommitResponse(200, `{"result":true,"errorCode":0,"token":${token}}`)).to.deep.equal({
        kind: 'saved',
      });
  });

  it('retries on no answer, 5xx, 408 and 429, and on a 2xx that is not the contract answer', () => {
    for (const status of [0, 500, 502, 503, 504, 408, 429])
      expect(readCommitResponse(status, ''), String(status)).to.deep.equal({ kind: 'retry', status });
    expect(readCommitResponse(200, '<html>captive portal</html>').kind).to.equal('retry');
  });

  it('is rejected for good on other 4xx, with the server error code and message', () => {
    const body = JSON.stringify({
      result: false,
      errorCode: 101,
      error: { code: 'SCORM_CMI_INVALID', message: 'cmi.location: too long' },
    });
    expect(readCommitResponse(422, body)).to.deep.equal({
      kind: 'rejected',
      status: 422,
      code: 'SCORM_CMI_INVALID',
      message: 'cmi.location: too long',
    });
    expect(readCommitResponse(401, 'Unauthorized')).to.deep.equal({
      kind: 'rejected',
      status: 401,
      code: 'HTTP_401',
      message: 'Unauthorized',
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles from 1 s to at most 30 s, between half and all of the step', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n, () => 1))).to.deep.equal([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect([1, 2, 6].map((n) => retryDelayMs(n, () => 0))).to.deep.equal([500, 1000, 15000]);
  });
});
