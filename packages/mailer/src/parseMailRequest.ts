import { AppError } from '@kompetenta/core';
import { mailRequestSchema, type MailRequest } from './mailSchemas';

/** One problem with an e-mail request: the field (`data.signInUrl`) and what is wrong with it. */
export interface MailProblem {
  readonly field: string;
  readonly problem: string;
}

/**
 * Validates an e-mail request, reporting every problem at once. Throws MAIL_MESSAGE_INVALID,
 * marked permanent: the same data will never render, so the outbox must not retry it.
 */
export function parseMailRequest(value: unknown): MailRequest {
  const result = mailRequestSchema.safeParse(value);
  if (result.success) return result.data;
  const problems: MailProblem[] = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(message)',
    problem: issue.message,
  }));
  const summary = problems.map((each) => `${each.field}: ${each.problem}`).join('; ');
  throw new AppError('MAIL_MESSAGE_INVALID', `The e-mail is not valid: ${summary}.`, {
    problems,
    permanent: true,
  });
}
