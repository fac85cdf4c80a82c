import { isAppError, type ErrorCode } from '@kompetenta/core';
import { expect } from 'chai';

/** Awaits `work` and asserts it rejects with an AppError of `code`; returns the error. */
export async function expectAppError(
  work: Promise<unknown> | (() => Promise<unknown>),
  code: ErrorCode,
): Promise<Error> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    expect(isAppError(error), `expected AppError ${code}, got ${String(error)}`).to.equal(true);
    expect((error as { code: string }).code).to.equal(code);
    return error as Error;
  }
  expect.fail(`expected AppError ${code}, but it resolved`);
}
