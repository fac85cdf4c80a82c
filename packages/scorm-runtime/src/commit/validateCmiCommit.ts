import type { CmiData } from '@kompetenta/core';
import { isScorm12, type CmiVersion } from '../versions';
import { elementTable, lookupElement, type ResolvedElement } from './elementTable';
import { anyResponse12, anyResponse2004, learnerResponse2004, pattern2004 } from './interactionResponses';
import type { ValueCheck } from './valueTypes';

/** One thing wrong with a commit: the CMI element (or `cmi` for the whole) and what is wrong. */
export interface CmiProblem {
  readonly element: string;
  readonly message: string;
}

/** The outcome of validateCmiCommit. */
export type CmiValidationResult =
  { readonly ok: true; readonly cmi: CmiData } | { readonly ok: false; readonly problems: CmiProblem[] };

/** Most elements one commit may carry (250 interactions of ~12 elements plus objectives fit). */
export const maxCommitElements = 4000;
/** Longest element name accepted; longer names are not in any data model. */
const maxElementNameLength = 120;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyContainer(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0)
  );
}

/**
 * The response check for an interaction's learner_response or pattern: by the interaction's type
 * in the same commit (scorm-again sends the whole CMI) for 2004; length only for 1.2.
 */
function responseCheck(
  version: CmiVersion,
  cmi: Record<string, unknown>,
  resolved: ResolvedElement,
): ValueCheck {
  if (isScorm12(version)) return anyResponse12;
  const type = cmi[`cmi.interactions.${resolved.indexes[0] ?? 0}.type`];
  const table = resolved.pattern.endsWith('.pattern') ? pattern2004 : learnerResponse2004;
  return (typeof type === 'string' ? table[type] : undefined) ?? anyResponse2004;
}

/** What becomes of one element: a problem, kept with its value, or dropped. */
type ElementOutcome =
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'keep'; readonly value: string | number }
  | { readonly kind: 'drop' };

const drop: ElementOutcome = { kind: 'drop' };
const problem = (message: string): ElementOutcome => ({ kind: 'problem', message });

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Checks one element against the data model of the version. */
function checkElement(
  version: CmiVersion,
  cmi: Record<string, unknown>,
  element: string,
  value: unknown,
): ElementOutcome {
  const lookup =
    element.length <= maxElementNameLength
      ? lookupElement(elementTable(version), element)
      : { kind: 'unknown' as const };
  if (lookup.kind === 'unknown') {
    return problem(`is not an element of the SCORM ${isScorm12(version) ? '1.2' : '2004'} data model`);
  }
  if (lookup.kind === 'tooMany') return problem(`${lookup.array} may have at most ${lookup.limit} entries`);
  const { resolved } = lookup;
  const { rule } = resolved;
  if (rule.kind === 'lms') return drop;
  if (rule.kind === 'container') {
    return isEmptyContainer(value) ? drop : problem('must be an empty array placeholder ({})');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return problem('is not a finite number');
  if (typeof value !== 'string' && typeof value !== 'number') {
    return problem(`must be a string or a number, not ${describeType(value)}`);
  }
  const text = String(value);
  // The empty string is SCORM's "not set"; scorm-again sends it for every element never written.
  if (text === '') return { kind: 'keep', value };
  const check = rule.kind === 'response' ? responseCheck(version, cmi, resolved) : rule.check;
  const message = check(text);
  return message === null ? { kind: 'keep', value } : problem(message);
}

/**
 * Validates a commit from the player: scorm-again's CMI in `dataCommitFormat: 'flattened'`
 * (dot-notation names, string values). Every element must be in the version's data model and
 * its value must have the element's type, vocabulary, range and length; array indexes stay below
 * the limits in the element tables. Elements the LMS owns (learner id and name, credit, mode,
 * entry, `_count`, comments from the LMS …) are dropped, not rejected, because scorm-again echoes
 * them; the total time is kept for deriveAttemptState. Every problem is returned at once.
 */
export function validateCmiCommit(version: CmiVersion, cmi: unknown): CmiValidationResult {
  if (!isPlainObject(cmi)) {
    return {
      ok: false,
      problems: [{ element: 'cmi', message: 'must be an object of CMI element names to values' }],
    };
  }
  const entries = Object.entries(cmi);
  if (entries.length > maxCommitElements) {
    return {
      ok: false,
      problems: [
        {
          element: 'cmi',
          message: `has ${entries.length} elements; at most ${maxCommitElements} are allowed`,
        },
      ],
    };
  }
  const kept: CmiData = {};
  const problems: CmiProblem[] = [];
  for (const [element, value] of entries) {
    const outcome = checkElement(version, cmi, element, value);
    if (outcome.kind === 'problem') {
      problems.push({ element: element.slice(0, maxElementNameLength), message: outcome.message });
    } else if (outcome.kind === 'keep') {
      kept[element] = outcome.value;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cmi: kept };
}
