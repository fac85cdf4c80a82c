import { AppError } from '@kompetenta/core';
import type { Knex } from 'knex';

/** A knex handle or a transaction on it: stores work the same on both. */
export type Db = Knex | Knex.Transaction;

/** The row shape as the drivers return it: pg gives bigint/numeric as strings, PGlite as numbers. */
export type Row = Record<string, unknown>;

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** Column values are strings, numbers, bigints or dates; anything else is a schema bug. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`expected a scalar column value, got ${typeof value}`);
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

export function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

/** UUID check before a query, so a malformed id is "not found" rather than a database error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * SHA-256 hex check (64 lowercase hex digits, as the hash columns' CHECK constraints require)
 * before a lookup by token or session hash: anything else is simply not there.
 */
export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

export function notFound(what: string, id: string): AppError {
  return new AppError('STORE_RECORD_NOT_FOUND', `${what} ${id} does not exist.`, { what, id });
}

/** The `code` of a Node or PostgreSQL driver error (`ECONNREFUSED`, `23505`…), if it has one. */
export function driverErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Maps constraint violations to registered errors so callers never see a driver error:
 * unique → STORE_RECORD_CONFLICT, check/foreign key/bad text representation → STORE_VALUE_INVALID.
 */
export function translateError(error: unknown, what: string): unknown {
  const code = driverErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '23505')
    return new AppError('STORE_RECORD_CONFLICT', `${what} already exists.`, { detail }, { cause: error });
  if (
    code === '23514' ||
    code === '23503' ||
    code === '22P02' ||
    code === '22003' ||
    code === '23502' ||
    code === '22007'
  ) {
    return new AppError(
      'STORE_VALUE_INVALID',
      `${what} has a value the database does not accept: ${detail}`,
      { detail },
      { cause: error },
    );
  }
  return error;
}

/** Runs a write and translates constraint errors for `what`. */
export async function guarded<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateError(error, what);
  }
}
