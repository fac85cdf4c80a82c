import { expect } from 'chai';
import { lix } from '../../src/internal';

describe('lix', () => {
  it('is words per sentence plus the percentage of words longer than six letters', () => {
    // 7 words, 2 sentences, 2 long words (arbetsplatsen, handledaren): 3.5 + 28.6.
    expect(lix('Hon går till arbetsplatsen. Där väntar handledaren.')).to.be.closeTo(
      7 / 2 + (100 * 2) / 7,
      1e-9,
    );
  });

  it('counts list items and headings without a full stop as sentences', () => {
    expect(lix('Rubrik\nEtt två tre\nFyra fem')).to.be.closeTo(6 / 3, 1e-9);
  });

  it('is 0 for a text without words and grows with long sentences', () => {
    expect(lix('  ')).to.equal(0);
    expect(lix('En kort mening. En till.')).to.be.lessThan(
      lix('En mycket lång och krånglig mening med förvaltningsrättsliga formuleringar utan slut'),
    );
  });
});
