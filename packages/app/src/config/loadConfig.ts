import { AppError } from '@kompetenta/core';
import { parseReminderDays } from '@kompetenta/lti-server/internal';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AppConfig } from './AppConfig';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  // 0 asks the system for any free port (tests, several instances on one machine).
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const httpUrl = z
  .string()
  .url('must be a URL such as https://kurser.example.se')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user:password@host:5432/database')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

const encryptionKey = z
  .string()
  .refine(
    (value) => Buffer.from(value, 'base64').length === 32,
    'must be 32 bytes in base64 (openssl rand -base64 32)',
  );

const smtpUrl = z
  .string()
  .url('must be a URL such as smtps://user:password@mail.example.se:465')
  .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://');

/** Environment variables Kompetenta reads; docs/reference/configuration.md documents each one. */
const environmentSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1)
    .max(200)
    .default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  COURSES_DIR: z.string().min(1).default('./courses'),
  PACKAGES_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(600_000)
    .default(10_000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LTI_ENCRYPTION_KEY: encryptionKey.optional(),
  LTI_AUTO_APPROVE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.email('must be an e-mail address such as kurser@example.se').optional(),
  REMINDER_DAYS: z
    .string()
    .regex(
      /^\s*([1-9]\d{0,2}\s*(,\s*[1-9]\d{0,2}\s*)*)?$/,
      'must be whole days separated by commas, e.g. 7,14 (empty: no reminders)',
    )
    .default('7,14'),
  REPORT_PSEUDONYM_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (openssl rand -base64 32)')
    .optional(),
  // Below 3 a published cell can point at one or two people (shared/domain.md §2.4).
  REPORT_SUPPRESSION_THRESHOLD: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(3, 'must be at least 3')
    .default(5),
  CHECKIN_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional(),
  ATTEMPT_TOKEN_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (openssl rand -base64 32)')
    .optional(),
  RETENTION_MONTHS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of months')
    .min(1, 'must be at least 1')
    .max(1200)
    .optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  DEV_PLATFORM: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

/** Empty strings count as unset, the way shells and .env files usually mean them. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/**
 * Reads and validates the configuration once. Every bad variable is named in one message, e.g.
 * `PORT must be between 1 and 65535 (got "70000"); DATABASE_URL must start with postgres://`.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): AppConfig {
  const raw = withoutEmpty(env);
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = raw[name];
      // Secrets are named, never echoed: a URL may hold a password.
      const secret =
        name === 'DATABASE_URL' ||
        name === 'LTI_ENCRYPTION_KEY' ||
        name === 'SMTP_URL' ||
        name === 'REPORT_PSEUDONYM_KEY' ||
        name === 'CHECKIN_SECRET' ||
        name === 'ATTEMPT_TOKEN_SECRET';
      const shown = value === undefined ? '' : secret ? ' (value hidden)' : ` (got "${value}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new AppError('APP_CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}.`, { problems });
  }
  const values = parsed.data;
  if (values.SMTP_URL && !values.MAIL_FROM) {
    throw new AppError(
      'APP_CONFIG_INVALID',
      'Invalid configuration: MAIL_FROM is required when SMTP_URL is set.',
    );
  }
  if (values.NODE_ENV === 'production' && values.LTI_AUTO_APPROVE === 'true') {
    throw new AppError(
      'APP_CONFIG_INVALID',
      'Invalid configuration: LTI_AUTO_APPROVE=true is for development; an admin approves registrations in production.',
    );
  }
  if ((values.TLS_CERT === undefined) !== (values.TLS_KEY === undefined)) {
    throw new AppError(
      'APP_CONFIG_INVALID',
      `Invalid configuration: TLS_CERT and TLS_KEY go together (only ${values.TLS_CERT ? 'TLS_CERT' : 'TLS_KEY'} is set); set both to serve HTTPS, or neither.`,
    );
  }
  if (values.NODE_ENV !== 'development' && values.DEV_PLATFORM === 'true') {
    throw new AppError(
      'APP_CONFIG_INVALID',
      `Invalid configuration: DEV_PLATFORM=true is for development; it is never mounted with NODE_ENV=${values.NODE_ENV}.`,
    );
  }
  if (values.NODE_ENV === 'production' && !values.LTI_ENCRYPTION_KEY) {
    throw new AppError(
      'APP_CONFIG_INVALID',
      'Invalid configuration: LTI_ENCRYPTION_KEY is required when NODE_ENV=production (openssl rand -base64 32).',
    );
  }
  return {
    port: values.PORT,
    host: values.HOST,
    // Served over TLS itself, the default address is https too (cookies then SameSite=None; Secure).
    publicUrl: (
      values.PUBLIC_URL ?? `${values.TLS_CERT ? 'https' : 'http'}://localhost:${values.PORT}`
    ).replace(/\/+$/, ''),
    databaseUrl: values.DATABASE_URL,
    databasePoolMax: values.DATABASE_POOL_MAX,
    dataDir: resolve(cwd, values.DATA_DIR),
    coursesDir: resolve(cwd, values.COURSES_DIR),
    packagesDir: resolve(cwd, values.PACKAGES_DIR ?? join(values.DATA_DIR, 'packages')),
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    environment: values.NODE_ENV,
    ltiEncryptionKey: values.LTI_ENCRYPTION_KEY
      ? Buffer.from(values.LTI_ENCRYPTION_KEY, 'base64')
      : undefined,
    ltiAutoApprove: values.LTI_AUTO_APPROVE === 'true',
    smtpUrl: values.SMTP_URL,
    // .invalid (RFC 2606) can never be delivered to: files in DATA_DIR/outbox are all that exist then.
    mailFrom: values.MAIL_FROM ?? 'kompetenta@example.invalid',
    reminderDays: parseReminderDays(values.REMINDER_DAYS),
    reportPseudonymKey: values.REPORT_PSEUDONYM_KEY,
    reportSuppressionThreshold: values.REPORT_SUPPRESSION_THRESHOLD,
    checkinSecret: values.CHECKIN_SECRET,
    attemptTokenSecret: values.ATTEMPT_TOKEN_SECRET,
    retentionMonths: values.RETENTION_MONTHS,
    tls:
      values.TLS_CERT && values.TLS_KEY
        ? { certFile: resolve(cwd, values.TLS_CERT), keyFile: resolve(cwd, values.TLS_KEY) }
        : undefined,
    devPlatform: values.NODE_ENV === 'development' && values.DEV_PLATFORM !== 'false',
  };
}
