import { expect } from 'chai';
import { SignJWT } from 'jose';
import { verifyHs256Token } from '../../src/keys/hs256Token';

const secret = new Uint8Array(32).fill(7);
const now = new Date('2026-11-28T09:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const expected = { issuer: 'kompetenta', audience: 'kompetenta-test', maxLength: 1024 };

function token(
  change: { alg?: string; key?: Uint8Array; aud?: string; iss?: string; exp?: number; nbf?: number } = {},
) {
  const jwt = new SignJWT({ extra: 'x' })
    .setProtectedHeader({ alg: change.alg ?? 'HS256' })
    .setSubject('thing-1')
    .setIssuer(change.iss ?? 'kompetenta')
    .setAudience(change.aud ?? 'kompetenta-test')
    .setExpirationTime(change.exp ?? seconds(now) + 60);
  if (change.nbf !== undefined) jwt.setNotBefore(change.nbf);
  return jwt.sign(change.key ?? secret);
}

describe('verifyHs256Token', () => {
  it('accepts a token of ours and returns its claims, with the same secret again and again', async () => {
    const signed = await token();
    for (let i = 0; i < 3; i += 1) {
      const check = await verifyHs256Token(secret, signed, expected, now);
      expect(check.ok && check.payload).to.deep.include({
        sub: 'thing-1',
        extra: 'x',
        exp: seconds(now) + 60,
      });
    }
    // The same bytes in another array (a secret read again) verify the same.
    expect((await verifyHs256Token(new Uint8Array(secret), signed, expected, now)).ok).to.equal(true);
  });

  it('says expired once exp is reached and not yet open before nbf, to the second', async () => {
    const signed = await token({ exp: seconds(now) + 60, nbf: seconds(now) + 30 });
    expect(await verifyHs256Token(secret, signed, expected, new Date(now.getTime() + 29_000))).to.deep.equal({
      ok: false,
      problem: 'notYetOpen',
    });
    expect((await verifyHs256Token(secret, signed, expected, new Date(now.getTime() + 30_000))).ok).to.equal(
      true,
    );
    expect(await verifyHs256Token(secret, signed, expected, new Date(now.getTime() + 60_000))).to.deep.equal({
      ok: false,
      problem: 'expired',
    });
  });

  it('refuses another key, algorithm, issuer or audience, a token too long, and anything not a token', async () => {
    const refusals = [
      await token({ key: new Uint8Array(32).fill(8) }),
      await token({ alg: 'HS512', key: new Uint8Array(64).fill(7) }),
      await token({ iss: 'someone-else' }),
      await token({ aud: 'kompetenta-player' }),
      // Another key and not yet open: the signature is checked first, so this is plainly invalid.
      await token({ key: new Uint8Array(32).fill(8), nbf: seconds(now) + 30 }),
      `${await token()}${'x'.repeat(1024)}`,
      'x.y.z',
      '',
      undefined,
      42,
    ];
    for (const refused of refusals)
      expect(await verifyHs256Token(secret, refused, expected, now)).to.deep.equal({
        ok: false,
        problem: 'invalid',
      });
  });

  it('checks a token it has verified before against the time again: expired once exp is reached', async () => {
    const signed = await token({ exp: seconds(now) + 60 });
    const other = { ...expected, audience: 'kompetenta-other' };
    expect((await verifyHs256Token(secret, signed, expected, now)).ok).to.equal(true);
    expect((await verifyHs256Token(secret, signed, expected, new Date(now.getTime() + 59_000))).ok).to.equal(
      true,
    );
    expect(await verifyHs256Token(secret, signed, expected, new Date(now.getTime() + 60_000))).to.deep.equal({
      ok: false,
      problem: 'expired',
    });
    // Verified for one audience is not verified for another, nor with another secret.
    expect(await verifyHs256Token(secret, signed, other, now)).to.deep.equal({
      ok: false,
      problem: 'invalid',
    });
    expect(await verifyHs256Token(new Uint8Array(32).fill(8), signed, expected, now)).to.deep.equal({
      ok: false,
      problem: 'invalid',
    });
    // One character changed in the signature of a token verified before: verified afresh, refused.
    const tampered = `${signed.slice(0, -2)}${signed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await verifyHs256Token(secret, tampered, expected, now)).to.deep.equal({
      ok: false,
      problem: 'invalid',
    });
  });
});
