import { appErrors } from './codes/app';
import { storeErrors } from './codes/store';
import { eventErrors } from './codes/event';
import { courseErrors } from './codes/course';
import { scormErrors } from './codes/scorm';
import { ltiErrors } from './codes/lti';
import { reportErrors } from './codes/report';
import { mailErrors } from './codes/mail';
import { gradeErrors } from './codes/grade';
import { attemptErrors } from './codes/attempt';
import { tokenErrors } from './codes/token';
import { sessionErrors } from './codes/session';
import { signinErrors } from './codes/signin';

/** What the registry knows about one error code. */
export interface ErrorDefinition {
  readonly httpStatus: number;
  /** The default message: plain language, says what is wrong. */
  readonly message: string;
}

/**
 * Every error code of Kompetenta, one table per prefix (`PREFIX_NOUN_PROBLEM`).
 * docs/reference/errors.md documents each one; a unit test checks both lists agree.
 */
export const errorRegistry = {
  ...appErrors,
  ...storeErrors,
  ...eventErrors,
  ...courseErrors,
  ...scormErrors,
  ...ltiErrors,
  ...reportErrors,
  ...mailErrors,
  ...gradeErrors,
  ...attemptErrors,
  ...tokenErrors,
  ...sessionErrors,
  ...signinErrors,
} as const satisfies Record<string, ErrorDefinition>;

/** A registered error code, e.g. `STORE_RECORD_NOT_FOUND`; docs/reference/errors.md lists them all. */
export type ErrorCode = keyof typeof errorRegistry;

/** All registered codes, sorted. */
export function errorCodes(): ErrorCode[] {
  return (Object.keys(errorRegistry) as ErrorCode[]).sort();
}

/** The HTTP status and default message registered for `code`. */
export function errorDefinition(code: ErrorCode): ErrorDefinition {
  return errorRegistry[code];
}
