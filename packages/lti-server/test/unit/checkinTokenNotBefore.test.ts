import { expect } from 'chai';
import { signCheckinToken, verifyCheckinToken } from '../../src/checkin/checkinToken';

const secret = new Uint8Array(Buffer.from('a check-in secret of at least 32 bytes, for tests'));
const now = new Date('2026-03-01T09:00:00Z');
const opens = new Date('2026-03-04T08:00:00Z');

describe('check-in links sent ahead of the event (nbf)', () => {
  it('are "not yet open" before nbf, valid from then until they expire', async () => {
    const token = await signCheckinToken(secret, 'event-1', now, 4 * 24, opens);
    expect(await verifyCheckinToken(secret, token, now)).to.deep.equal({ ok: false, problem: 'notYetOpen' });
    expect(await verifyCheckinToken(secret, token, new Date(opens.getTime() - 1000))).to.deep.include({
      ok: false,
    });
    expect(await verifyCheckinToken(secret, token, opens)).to.deep.include({ ok: true, eventId: 'event-1' });
    expect(await verifyCheckinToken(secret, token, new Date('2026-03-05T09:00:01Z'))).to.deep.equal({
      ok: false,
      problem: 'expired',
    });
  });

  it('never tells a forged link that it opens later: the signature is checked first', async () => {
    const token = await signCheckinToken(secret, 'event-1', now, 4 * 24, opens);
    const other = new Uint8Array(Buffer.from('another check-in secret, also 32 bytes or more'));
    expect(await verifyCheckinToken(other, token, now)).to.deep.equal({ ok: false, problem: 'invalid' });
  });

  it('leave out nbf when the time has already come', async () => {
    const token = await signCheckinToken(secret, 'event-1', now, 6, new Date(now.getTime() - 3_600_000));
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as object;
    expect(payload).not.to.have.property('nbf');
    expect(await verifyCheckinToken(secret, token, now)).to.deep.include({ ok: true });
  });
});
