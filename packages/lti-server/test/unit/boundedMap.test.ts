import { expect } from 'chai';
import { BoundedMap, boundedMapPerOwner } from '../../src/support/boundedMap';

describe('BoundedMap', () => {
  it('keeps at most its capacity, dropping the oldest first', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i);
    expect(map.size).to.equal(3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.get('d'), map.get('e')]).to.deep.equal([
      undefined,
      undefined,
      2,
      3,
      4,
    ]);
  });

  it('makes a key set again the newest, so it outlives older ones', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).to.deep.equal([3, undefined, 4]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedMap(0)).to.throw(RangeError, 'capacity must be ≥ 1, got 0');
  });

  it('gives each owner a map of its own', () => {
    const mapFor = boundedMapPerOwner<object, string, number>(1);
    const first = {};
    mapFor(first).set('k', 1);
    expect(mapFor(first).get('k')).to.equal(1);
    expect(mapFor({}).get('k')).to.equal(undefined);
  });
});
