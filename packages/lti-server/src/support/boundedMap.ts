/**
 * A map that keeps at most `capacity` entries: setting a key makes it the newest and, when full,
 * drops the oldest. For the per-process caches of the commit path (verified tokens, stored attempt
 * summaries), which must not grow with the number of learners a process has ever served.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/** One {@link BoundedMap} per owner object (a secret, a `Stores`), forgotten with its owner. */
export function boundedMapPerOwner<O extends object, K, V>(capacity: number): (owner: O) => BoundedMap<K, V> {
  const maps = new WeakMap<O, BoundedMap<K, V>>();
  return (owner) => {
    let map = maps.get(owner);
    if (!map) {
      map = new BoundedMap<K, V>(capacity);
      maps.set(owner, map);
    }
    return map;
  };
}
