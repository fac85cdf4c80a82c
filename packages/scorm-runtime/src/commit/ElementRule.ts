import type { ValueCheck } from './valueTypes';

/**
 * How a flattened CMI element in a commit is treated:
 * - `learner`: the SCO may write it; checked and kept.
 * - `response`: learner_response / pattern; checked against the interaction's type, kept.
 * - `reported`: LMS-owned, but read by deriveAttemptState (total time); checked and kept, never
 *   loaded back (initialCmiForLaunch writes its own value).
 * - `lms`: LMS-owned or a keyword (`_count`, `_children`) that scorm-again echoes; dropped unchecked.
 * - `container`: the `{}` scorm-again writes for an empty array; must be empty, then dropped.
 */
export type ElementRule =
  | { readonly kind: 'learner' | 'reported'; readonly check: ValueCheck }
  | { readonly kind: 'response' }
  | { readonly kind: 'lms' }
  | { readonly kind: 'container' };

/**
 * The data model of one version: rules by pattern (array indexes written as `n`) and the largest
 * number of entries each array may have, by the array's pattern.
 */
export interface ElementTable {
  readonly rules: Readonly<Record<string, ElementRule>>;
  readonly arrayLimits: Readonly<Record<string, number>>;
}

export const learner = (check: ValueCheck): ElementRule => ({ kind: 'learner', check });
export const reported = (check: ValueCheck): ElementRule => ({ kind: 'reported', check });
export const response: ElementRule = { kind: 'response' };
export const lms: ElementRule = { kind: 'lms' };
export const container: ElementRule = { kind: 'container' };
