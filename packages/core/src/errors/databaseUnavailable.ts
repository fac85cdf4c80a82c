import { isAppError } from './AppError';

/**
 * Error codes the database drivers (pg over TCP, the pool) give when the server is gone or
 * going: the socket's own codes, and PostgreSQL's SQLSTATEs for "shutting down" and "starting up".
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server was stopped under the connection
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
]);

/**
 * True when an error thrown by a store means "the database cannot be reached right now" rather than
 * "this request is wrong" or "our code is wrong": the answer is then 503, which a client (the player,
 * an LMS, a load balancer) retries, not 500. Checks codes and names only, so core needs no driver.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isAppError(error)) return error.code === 'STORE_DATABASE_UNREACHABLE';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  // knex's pool gave up waiting for a connection, and pg's socket closing mid-query carry no code.
  return error.name === 'KnexTimeoutError' || /^Connection terminated/.test(error.message);
}
