import { isScorm12, type CmiVersion } from '../versions';
import type { ElementRule, ElementTable } from './ElementRule';
import { elements12 } from './elements12';
import { elements2004 } from './elements2004';

/** The data model table of a version. */
export function elementTable(version: CmiVersion): ElementTable {
  return isScorm12(version) ? elements12 : elements2004;
}

/** An element name resolved against the table. */
export interface ResolvedElement {
  /** The pattern, with array indexes as `n` (`cmi.interactions.n.id`). */
  readonly pattern: string;
  readonly rule: ElementRule;
  /** Array indexes in the name, outermost first. */
  readonly indexes: readonly number[];
}

/** An index as scorm-again writes it: 0 or a number without leading zeros, between dots. */
const indexSegment = /\.(0|[1-9]\d{0,5})(?=\.|$)/g;

/** Resolves a flattened element name, or returns null when the data model has no such element. */
export function resolveElement(table: ElementTable, element: string): ResolvedElement | null {
  const indexes: number[] = [];
  const pattern = element.replace(indexSegment, (_match, index: string) => {
    indexes.push(Number(index));
    return '.n';
  });
  if (!Object.prototype.hasOwnProperty.call(table.rules, pattern)) return null;
  const rule = table.rules[pattern];
  return rule ? { pattern, rule, indexes } : null;
}

/**
 * The array index limit broken by an element, as `{ array, limit }`, or null. Checks each `n` in
 * the pattern against the limit of the array it indexes.
 */
export function brokenArrayLimit(
  table: ElementTable,
  resolved: ResolvedElement,
): { readonly array: string; readonly limit: number } | null {
  let indexNo = 0;
  let from = 0;
  for (;;) {
    const at = resolved.pattern.indexOf('.n', from);
    if (at < 0) return null;
    from = at + 2;
    if (from < resolved.pattern.length && resolved.pattern[from] !== '.') continue;
    const array = resolved.pattern.slice(0, at);
    const limit = table.arrayLimits[array];
    const index = resolved.indexes[indexNo++] ?? 0;
    if (limit !== undefined && index >= limit) return { array, limit };
  }
}

/** What the data model says about an element name. */
export type ElementLookup =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'tooMany'; readonly array: string; readonly limit: number }
  | { readonly kind: 'known'; readonly resolved: ResolvedElement };

/**
 * Element names repeat from commit to commit, so lookups are remembered per table. Only names
 * within the data model and its array limits are kept (a client cannot fill the cache with
 * invented names), and at most this many: more than every name the limits allow.
 */
const cacheLimit = 50000;
const caches = new WeakMap<ElementTable, Map<string, ElementLookup>>();

/** Looks an element name up in the table (cached): unknown, over an array limit, or its rule. */
export function lookupElement(table: ElementTable, element: string): ElementLookup {
  let cache = caches.get(table);
  if (!cache) caches.set(table, (cache = new Map<string, ElementLookup>()));
  const cached = cache.get(element);
  if (cached) return cached;
  const resolved = resolveElement(table, element);
  if (!resolved) return { kind: 'unknown' };
  const broken = brokenArrayLimit(table, resolved);
  if (broken) return { kind: 'tooMany', ...broken };
  const lookup: ElementLookup = { kind: 'known', resolved };
  if (cache.size < cacheLimit) cache.set(element, lookup);
  return lookup;
}

/** True for an element the LMS owns (dropped from commits, never loaded back from stored CMI). */
export function isLmsOwnedElement(version: CmiVersion, element: string): boolean {
  const resolved = resolveElement(elementTable(version), element);
  return resolved !== null && (resolved.rule.kind === 'lms' || resolved.rule.kind === 'reported');
}
