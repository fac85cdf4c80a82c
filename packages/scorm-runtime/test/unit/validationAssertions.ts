import { expect } from 'chai';
import type { CmiProblem, CmiValidationResult } from '../../src/index';
import { validateCmiCommit } from '../../src/index';

/** The problems of a rejected commit (fails the test when it was accepted). */
export function problems(result: CmiValidationResult): readonly CmiProblem[] {
  if (result.ok) expect.fail(`expected problems, got ${JSON.stringify(result.cmi)}`);
  return result.problems;
}

/** The kept CMI of an accepted commit (fails the test with the problems otherwise). */
export function kept(result: CmiValidationResult): Record<string, unknown> {
  if (!result.ok) expect.fail(JSON.stringify(result.problems, null, 2));
  return result.cmi;
}

/** The single problem a one-element commit has, as "element: message". */
export function problemOf(version: '1.2' | '2004', element: string, value: unknown): string {
  const list = problems(validateCmiCommit(version, { [element]: value }));
  expect(list).to.have.length(1);
  return `${list[0]?.element}: ${list[0]?.message}`;
}
