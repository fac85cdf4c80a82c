import { expect } from 'chai';
import { newState, readStateHints, storageKey } from '../../src/login/loginState';

describe('login state with hints', () => {
  it('carries the hints after 256 random bits and reads them back', () => {
    const hints = {
      loginHint: 'u-1',
      messageHint: 'eyJ.message.hint',
      storageTarget: '_parent',
      storageOrigin: 'https://lms.example.se',
    };
    const state = newState(hints);
    expect(state.split('.')[0]).to.have.length(43);
    expect(readStateHints(state)).to.deep.equal(hints);
    expect(newState(hints)).to.not.equal(state);
    expect(storageKey(state)).to.equal(`kompetenta_lti_${state.split('.')[0]}`);
  });

  it('leaves out storage without an origin, and reads nothing from other strings', () => {
    const state = newState({ loginHint: 'u', messageHint: null, storageTarget: null, storageOrigin: null });
    expect(readStateHints(state)).to.deep.equal({
      loginHint: 'u',
      messageHint: null,
      storageTarget: null,
      storageOrigin: null,
    });
    for (const other of ['plain', 'a.b.c', 'a.!!!', `a.${Buffer.from('{"m":"x"}').toString('base64url')}`]) {
      expect(readStateHints(other), other).to.equal(null);
    }
  });
});
