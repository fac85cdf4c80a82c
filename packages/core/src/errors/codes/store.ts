/** Database and storage errors. */
export const storeErrors = {
  STORE_DATABASE_UNREACHABLE: { httpStatus: 503, message: 'The database cannot be reached.' },
  STORE_DATABASE_URL_INVALID: {
    httpStatus: 500,
    message: 'DATABASE_URL is not a valid PostgreSQL connection URL.',
  },
  STORE_DATA_DIR_UNUSABLE: { httpStatus: 500, message: 'The embedded database directory cannot be used.' },
  STORE_MIGRATION_FAILED: { httpStatus: 500, message: 'The database migrations could not be applied.' },
  STORE_MIGRATIONS_PENDING: { httpStatus: 503, message: 'The database schema is not up to date.' },
  STORE_RECORD_NOT_FOUND: { httpStatus: 404, message: 'The record does not exist.' },
  STORE_RECORD_CONFLICT: { httpStatus: 409, message: 'The record conflicts with one that already exists.' },
  STORE_VALUE_INVALID: { httpStatus: 400, message: 'A value is not valid for storage.' },
  STORE_TENANT_UNKNOWN: { httpStatus: 403, message: 'This LTI deployment is not registered.' },
  STORE_TENANT_PENDING: { httpStatus: 403, message: 'This LTI registration waits for approval.' },
} as const;
