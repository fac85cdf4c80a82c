/**
 * LIX (läsbarhetsindex, Björnsson 1968): words per sentence + percentage of long words (more than
 * six letters). Under 30 is very easy, 30–40 easy (fiction, plain-language texts), 40–50 average
 * (newspapers), over 50 hard. Returns 0 for a text without words.
 */
export function lix(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length === 0) return 0;
  // A sentence ends at . ! ? : or a line break between blocks (headings and list items have no full stop).
  const sentences = text.split(/[.!?:]+(?=\s|$)|\n+/).filter((part) => /[\p{L}\p{N}]/u.test(part)).length;
  const longWords = words.filter((word) => word.replace(/[^\p{L}]/gu, '').length > 6).length;
  return words.length / Math.max(1, sentences) + (100 * longWords) / words.length;
}
