import { characterString, decimal, identifier, localizedString, type ValueCheck } from './valueTypes';

/**
 * learner_response and correct_responses.n.pattern depend on the interaction's type (SCORM 2004
 * RTE 4.2.9.1/4.2.9.2; SCORM 1.2 RTE 3.4.2.6). The checks here are the shape of each type's
 * format with the smallest permitted maximums; a type we do not know gets the generic length check.
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

const step2004: ValueCheck = (value) => {
  const [name, answer, extra] = parts(value, '[.]');
  if (answer === undefined || extra !== undefined) return 'is not a step name[.]answer';
  if (name !== '' && name !== undefined && shortId(name)) return shortId(name);
  return characterString(250)(answer);
};

const trueFalse2004: ValueCheck = (value) =>
  value === 'true' || value === 'false' ? null : 'must be true or false';

/** learner_response formats for SCORM 2004 by interaction type. */
export const learnerResponse2004: Readonly<Record<string, ValueCheck>> = {
  'true-false': trueFalse2004,
  choice: list(shortId, 36),
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

/** SCORM 1.2 CMIFeedback: at most 255 characters, with a shape for the closed types. */
const feedback12 = characterString(255);
const choice12: ValueCheck = (value) =>
  /^\{?[0-9a-z](,[0-9a-z])*\}?$/.test(value) ? null : 'is not a list of single characters such as a,c';

/** student_response and correct_responses.n.pattern formats for SCORM 1.2 by interaction type. */
export const response12: Readonly<Record<string, ValueCheck>> = {
  'true-false': (value) => (/^[01tf]$/.test(value) ? null : 'must be one of 0, 1, t, f'),
  choice: choice12,
  'fill-in': feedback12,
  numeric: decimal(),
  likert: (value) => (/^[0-9a-z]?$/.test(value) ? null : 'must be a single character'),
  matching: (value) =>
    /^\{?[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*\}?$/.test(value)
      ? null
      : 'is not a list of pairs such as 1.a,2.b',
  performance: feedback12,
  sequencing: (value) => (/^[0-9a-z](,[0-9a-z])*$/.test(value) ? null : 'is not a sequence such as a,c,b'),
};

/** Generic check when the type is unknown or not in the commit. */
export const anyResponse2004: ValueCheck = characterString(4000);
export const anyResponse12: ValueCheck = feedback12;
