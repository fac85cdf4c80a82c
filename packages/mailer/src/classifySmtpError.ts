import { AppError } from '@kompetenta/core';

/** The fields nodemailer puts on an SMTP error. */
interface NodemailerErrorFields {
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
  readonly command?: unknown;
}

/**
 * Turns a nodemailer SMTP error into an AppError the outbox worker understands:
 * - a 5xx answer (no such mailbox, message refused) → MAIL_DELIVERY_REJECTED, permanent;
 * - a failed login → MAIL_TRANSPORT_UNAVAILABLE, transient even when the answer is 535: the
 *   message is fine, the configuration is not, and it should go out once that is fixed;
 * - anything else (refused connection, timeout, TLS failure, 4xx) → MAIL_TRANSPORT_UNAVAILABLE.
 */
export function classifySmtpError(error: unknown): AppError {
  const fields: NodemailerErrorFields = typeof error === 'object' && error !== null ? error : {};
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const response = typeof fields.response === 'string' ? fields.response.slice(0, 300) : undefined;
  const command = typeof fields.command === 'string' ? fields.command : undefined;
  const reason = response ?? (error instanceof Error ? error.message : String(error));
  const details = {
    ...(code ? { smtpErrorCode: code } : {}),
    ...(responseCode ? { responseCode } : {}),
    ...(command ? { command } : {}),
  };
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH') {
    return new AppError(
      'MAIL_DELIVERY_REJECTED',
      `The mail server refused the message: ${reason}`,
      { ...details, permanent: true },
      { cause: error },
    );
  }
  return new AppError(
    'MAIL_TRANSPORT_UNAVAILABLE',
    `The mail server could not take the message now: ${reason}`,
    { ...details, permanent: false },
    { cause: error },
  );
}
