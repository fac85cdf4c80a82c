import {
  characterString,
  decimal,
  identifier,
  localizedString,
  longIdentifier,
  type ValueCheck,
} from './valueTypes';

/**
 * SCORM 2004 learner_response and correct_responses.n.pattern depend on the interaction's type
 * (RTE 4.2.9.1/4.2.9.2). The checks here are the shape of each type's format with the smallest
 * permitted maximums, as scorm-again 3 checks them or looser; a type we do not know gets the
 * generic length check. SCORM 1.2 responses are checked for length only (see feedback12).
 */

/** Splits on a SCORM 2004 delimiter (`[,]`, `[.]`, `[:]`). */
function parts(value: string, delimiter: string): string[] {
  return value.split(delimiter);
}

/** Strips `{case_matters=…}`, `{order_matters=…}` and `{lang=…}` prefixes from a pattern. */
function withoutPatternFlags(value: string): string {
  return value.replace(/^(\{(case_matters|order_matters)=(true|false)\})+/, '');
}

const shortId = identifier(250);

function list(check: ValueCheck, max: number, delimiter = '[,]'): ValueCheck {
  return (value) => {
    const items = parts(value, delimiter);
    if (items.length > max) return `has ${items.length} entries; at most ${max} are allowed`;
    for (const item of items) {
      const problem = check(item);
      if (problem) return `entry ${JSON.stringify(item.slice(0, 40))} ${problem}`;
    }
    return null;
  };
}

const pair2004: ValueCheck = (value) => {
  const [source, target, extra] = parts(value, '[.]');
  if (source === undefined || target === undefined || extra !== undefined)
    return 'is not a pair source[.]target';
  return shortId(source) ?? shortId(target);
};

/** A performance step: `name[.]answer`, or the answer alone. */
const step2004: ValueCheck = (value) => {
  const [first = '', answer, extra] = parts(value, '[.]');
  if (extra !== undefined) return 'is not a step name[.]answer';
  if (answer === undefined) return characterString(250)(first);
  return (first === '' ? null : shortId(first)) ?? characterString(250)(answer);
};

const trueFalse2004: ValueCheck = (value) =>
  value === 'true' || value === 'false' ? null : 'must be true or false';

/** learner_response formats for SCORM 2004 by interaction type. */
export const learnerResponse2004: Readonly<Record<string, ValueCheck>> = {
  'true-false': trueFalse2004,
  // scorm-again takes long identifiers as choices.
  choice: list(longIdentifier, 36),
  'fill-in': list(localizedString(250), 10),
  'long-fill-in': localizedString(4000),
  matching: list(pair2004, 36),
  performance: list(step2004, 250),
  sequencing: list(shortId, 36),
  likert: shortId,
  numeric: decimal(),
  other: characterString(4000),
};

/** correct_responses.n.pattern formats for SCORM 2004 by interaction type. */
export const pattern2004: Readonly<Record<string, ValueCheck>> = {
  ...learnerResponse2004,
  'fill-in': (value) => list(localizedString(250), 10)(withoutPatternFlags(value)),
  'long-fill-in': (value) => localizedString(4000)(withoutPatternFlags(value)),
  performance: (value) => list(step2004, 250)(withoutPatternFlags(value)),
  numeric: (value) => {
    const [min = '', max, extra] = parts(value, '[:]');
    if (max === undefined || extra !== undefined) return decimal()(value);
    return (min === '' ? null : decimal()(min)) ?? (max === '' ? null : decimal()(max));
  },
};

/**
 * SCORM 1.2 student_response and correct_responses.n.pattern are CMIFeedback, whose format depends
 * on the type; scorm-again 3 does not check it at all ("relaxed for compatibility": many 1.2 SCOs
 * write `true` for true-false or long fill-in answers), so we bound only the length, by the largest
 * 1.2 string type.
 */
const feedback12 = characterString(4096);

/** Generic check when the type is unknown or not in the commit. */
export const anyResponse2004: ValueCheck = characterString(4000);
export const anyResponse12: ValueCheck = feedback12;
