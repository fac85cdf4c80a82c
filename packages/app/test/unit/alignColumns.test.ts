import { expect } from 'chai';
import { alignColumns } from '../../src/cli/alignColumns';

describe('alignColumns', () => {
  it('pads every column but the last to its widest cell, two spaces apart, no trailing blanks', () => {
    expect(
      alignColumns([
        ['id', 'type', 'title'],
        ['e-1', 'natverkstraff', 'Träff i Luleå'],
        ['e-22', 'seminarium', ''],
      ]),
    ).to.deep.equal(['id    type           title', 'e-1   natverkstraff  Träff i Luleå', 'e-22  seminarium']);
  });

  it('gives nothing for no rows', () => {
    expect(alignColumns([])).to.deep.equal([]);
  });
});
