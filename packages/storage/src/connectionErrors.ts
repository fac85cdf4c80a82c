import { AppError } from '@kompetenta/core';
import { driverErrorCode } from './stores/sql';

/** Node/pg error codes that mean "the server is not there or refused us". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  '57P03',
  '3D000',
  '28P01',
  '28000',
]);

/**
 * Turns a driver error met while connecting into one clear AppError that names where we tried to
 * connect and why it failed, never the password.
 */
export function connectionError(error: unknown, location: string): AppError {
  const code = driverErrorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (code === '3D000') {
    return new AppError(
      'STORE_DATABASE_UNREACHABLE',
      `The database does not exist: ${location} (${reason}).`,
      { code },
      { cause: error },
    );
  }
  const known = code !== undefined && UNREACHABLE.has(code);
  return new AppError(
    'STORE_DATABASE_UNREACHABLE',
    `Cannot reach the database, ${location}: ${known && !reason.includes(code) ? `${code} ` : ''}${reason}`.trim(),
    code ? { code } : {},
    { cause: error },
  );
}
