import { errorDefinition, type ErrorCode } from './registry';

/**
 * The one error shape of Kompetenta. Every failure that crosses a boundary (HTTP, CLI, files,
 * LTI, SCORM commits) is an AppError with a registered code, so callers can branch on `code`,
 * HTTP answers take `httpStatus`, and people read `message`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    const definition = errorDefinition(code);
    super(message ?? definition.message, options);
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = definition.httpStatus;
    this.details = details;
  }

  /** A plain object for logs and JSON answers. */
  toJSON(): { code: ErrorCode; status: number; message: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      status: this.httpStatus,
      message: this.message,
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }
}

/** Narrows an unknown thrown value to AppError (optionally one code). */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
