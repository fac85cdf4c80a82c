import { isAppError } from '@kompetenta/core';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { signAttemptToken, verifyAttemptToken } from '../../src/player/attemptToken';
import { readCommitBody } from '../../src/player/readCommitBody';

const secret = new Uint8Array(32).fill(3);
const claims = { attemptId: 'a-1', organisationId: 'o-1', personId: 'p-1' };
const now = new Date('2026-11-28T09:00:00Z');

describe('attempt token', () => {
  it('round-trips its claims and expires after 12 hours', async () => {
    const token = await signAttemptToken(secret, claims, now);
    const check = await verifyAttemptToken(secret, token, now);
    expect(check).to.deep.include({ ok: true, claims });
    const late = await verifyAttemptToken(secret, token, new Date(now.getTime() + 12 * 3600_000 + 1000));
    expect(late).to.deep.equal({ ok: false, problem: 'expired' });
  });

  it('refuses another secret, another algorithm, garbage and a secret shorter than 32 bytes', async () => {
    const token = await signAttemptToken(secret, claims, now);
    expect(await verifyAttemptToken(new Uint8Array(32).fill(4), token, now)).to.deep.equal({
      ok: false,
      problem: 'invalid',
    });
    const hs512 = await new SignJWT({ org: 'o-1', person: 'p-1' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('a-1')
      .setIssuer('kompetenta')
      .setAudience('kompetenta-player')
      .setExpirationTime('1h')
      .sign(new Uint8Array(64).fill(3));
    expect((await verifyAttemptToken(secret, hs512, now)).ok).to.equal(false);
    expect((await verifyAttemptToken(secret, 'x.y.z', now)).ok).to.equal(false);
    expect((await verifyAttemptToken(secret, undefined, now)).ok).to.equal(false);
    let thrown: unknown;
    await signAttemptToken(new Uint8Array(16), claims, now).catch((error: unknown) => (thrown = error));
    expect(thrown).to.be.instanceOf(RangeError);
  });
});

describe('readCommitBody', () => {
  const code = (work: () => unknown): string => {
    try {
      work();
    } catch (error) {
      if (isAppError(error)) return error.code;
      throw error;
    }
    return 'none';
  };
  const body = (text: string) => Buffer.from(text, 'utf8');

  it('reads JSON and the beacon text/plain alike', () => {
    const json = '{"seq": 3, "cmi": {"cmi.location": "l3"}}';
    expect(readCommitBody('application/json', body(json))).to.deep.equal({
      seq: 3,
      cmi: { 'cmi.location': 'l3' },
    });
    expect(readCommitBody('text/plain;charset=UTF-8', body(json)).seq).to.equal(3);
  });

  it('refuses other types, bad JSON and bad seq or cmi, saying which', () => {
    expect(code(() => readCommitBody('application/xml', body('{}')))).to.equal(
      'ATTEMPT_COMMIT_MEDIA_UNSUPPORTED',
    );
    expect(code(() => readCommitBody(undefined, body('{}')))).to.equal('ATTEMPT_COMMIT_MEDIA_UNSUPPORTED');
    expect(code(() => readCommitBody('application/json', body('{')))).to.equal('ATTEMPT_COMMIT_MALFORMED');
    expect(code(() => readCommitBody('application/json', body('[]')))).to.equal('ATTEMPT_COMMIT_MALFORMED');
    for (const seq of ['0', '-1', '1.5', '"2"', '9007199254740993'])
      expect(
        code(() => readCommitBody('application/json', body(`{"seq": ${seq}, "cmi": {}}`))),
        seq,
      ).to.equal('ATTEMPT_COMMIT_MALFORMED');
    expect(code(() => readCommitBody('application/json', body('{"seq": 1, "cmi": []}')))).to.equal(
      'ATTEMPT_COMMIT_MALFORMED',
    );
  });
});
