/**
 * A deterministic shuffle seeded by a string, so the same question shows the same start order in
 * every build and for every learner, and never the correct order (that would give the answer away).
 */
export function stableShuffle<T>(items: readonly T[], seed: string): T[] {
  let state = [...seed].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
  const random = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  if (result.length > 1 && result.every((item, index) => item === items[index]))
    result.push(result.shift() as T);
  return result;
}
