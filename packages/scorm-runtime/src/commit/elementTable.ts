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

/** An index as scorm-again writes it: 0 or a number without leading zeros. */
const indexSegment = /^(0|[1-9]\d{0,5})$/;

/** Resolves a flattened element name, or returns null when the data model has no such element. */
export function resolveElement(table: ElementTable, element: string): ResolvedElement | null {
  const indexes: number[] = [];
  const segments = element.split('.').map((segment) => {
    if (!indexSegment.test(segment)) return segment;
    indexes.push(Number(segment));
    return 'n';
  });
  const pattern = segments.join('.');
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
  const segments = resolved.pattern.split('.');
  let indexNo = 0;
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] !== 'n') continue;
    const array = segments.slice(0, i).join('.');
    const limit = table.arrayLimits[array];
    const index = resolved.indexes[indexNo++] ?? 0;
    if (limit !== undefined && index >= limit) return { array, limit };
  }
  return null;
}

/** True for an element the LMS owns (dropped from commits, never loaded back from stored CMI). */
export function isLmsOwnedElement(version: CmiVersion, element: string): boolean {
  const resolved = resolveElement(elementTable(version), element);
  return resolved !== null && (resolved.rule.kind === 'lms' || resolved.rule.kind === 'reported');
}
