import {
  createLtiStores,
  KnexPersonErasure,
  KnexReportingStore,
  openDatabase,
  type Database,
} from '@kompetenta/storage';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from './config/AppConfig';
import { createServerApp } from './server/createServerApp';
import { startStandaloneJobs } from './standaloneJobs';
import { listen, type RunningServer } from './server/listen';
import { resolveLtiEncryptionKey } from './ltiEncryptionKey';
import { DEV_PLATFORM_PATH, startDevPlatform } from './devPlatform';
import { readTlsCredentials } from './tlsCredentials';
import { startMailDelivery, type MailDelivery } from './mailWiring';
import { startGradeDelivery, type GradeDelivery } from './gradeWiring';
import { LtijsPlatformServices } from '@kompetenta/lti-server/internal';
import { buildCoursePackages } from './buildCoursePackages';
import { packagedCourseContent } from './courseContent';
import { registerBuiltCourses } from './registerCourses';
import { resolveReportPseudonymKey } from './reportPseudonymKey';
import { resolveCheckinSecret } from './checkinSecret';
import { startRetentionJob } from './retention';
import { resolveAttemptTokenSecret } from './attemptTokenSecret';

/** Expired LTI login states, nonces and tokens are deleted this often. */
const LTI_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Kompetenta composed but not listening: a request handler to serve or mount, its database, and
 * how to stop its background work and close the database.
 */
export interface KompetentaHandler {
  readonly config: AppConfig;
  readonly database: Database;
  /**
   * Every Kompetenta route as one Express app. Serve it, or mount it in a host app at the path of
   * `config.publicUrl` (`host.use('/learning', handler)` for `https://host.example/learning`).
   */
  readonly handler: Express;
  /** The development platform's address when it is mounted (development only), else null. */
  readonly devPlatformUrl: string | null;
  /**
   * Stops the background jobs and workers, then closes the database. Stop serving `handler` first
   * (close the host's server), so no request arrives at a closed database. Safe to call twice.
   */
  shutdown(): Promise<void>;
}

/** A started Kompetenta: its server and database, and how to shut both down. */
export interface Kompetenta {
  readonly config: AppConfig;
  readonly database: Database;
  readonly server: RunningServer;
  /** The development platform's address when it is mounted (development only), else null. */
  readonly devPlatformUrl: string | null;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `config.shutdownTimeoutMs`),
   * then stops the workers and closes the database. Safe to call twice.
   */
  shutdown(): Promise<void>;
}

export function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
}

/**
 * Composes Kompetenta without listening, for a host Express app to mount: opens the database,
 * applies migrations, builds and registers the courses, starts the grade and e-mail workers and
 * the background jobs, and returns the handler. `startKompetenta` is this plus `listen`.
 * A failure on the way closes what was opened and rethrows.
 */
export async function createKompetenta(config: AppConfig, logger: Logger): Promise<KompetentaHandler> {
  const database = await openConfiguredDatabase(config);
  let mail: MailDelivery | undefined;
  let grades: GradeDelivery | undefined;
  try {
    const applied = await database.migrate();
    logger.info(
      { database: database.location, applied },
      applied.length ? 'migrations applied' : 'database schema is current',
    );
    // Built before registering: a version is in the catalogue only when the player can serve it.
    const built = await buildCoursePackages(config.coursesDir, config.packagesDir, logger);
    const courses = await registerBuiltCourses(built, database.stores.courses, logger);
    logger.info(
      { courses: courses.map((course) => `${course.slug}@${course.version}`) },
      'courses registered',
    );
    mail = startMailDelivery({ config, outbox: database.stores.outbox, logger });
    const mailDelivery = mail;
    const lti = createLtiStores(database.knex, { encryptionKey: resolveLtiEncryptionKey(config) });
    // ltijs's per-platform key signs the client assertions of AGS tokens; /lti/keys publishes it.
    const platformServices = new LtijsPlatformServices(lti.ltijsDatabase);
    grades = startGradeDelivery({ stores: database.stores, tokens: platformServices, logger });
    const gradeDelivery = grades;
    const content = packagedCourseContent(config.packagesDir);
    const devPlatform = config.devPlatform
      ? await startDevPlatform(config.publicUrl, database.stores, logger)
      : null;
    const handler = createServerApp({
      database,
      logger,
      ...(devPlatform ? { devPlatform } : {}),
      content,
      lti: {
        stores: lti,
        publicUrl: config.publicUrl,
        autoApprove: config.ltiAutoApprove,
        platformServices,
        checkinSecret: resolveCheckinSecret(config),
        attemptTokenSecret: resolveAttemptTokenSecret(config),
      },
      reporting: {
        pseudonymKey: () => resolveReportPseudonymKey(config),
        suppressionThreshold: config.reportSuppressionThreshold,
        publicUrl: config.publicUrl,
      },
    });
    const standaloneJobs = startStandaloneJobs({
      stores: database.stores,
      logger,
      publicUrl: config.publicUrl,
      reminderDays: config.reminderDays,
      secret: resolveAttemptTokenSecret(config),
      reporting: new KnexReportingStore(database.knex),
      suppressionThreshold: config.reportSuppressionThreshold,
    });
    // Anyone can start a login for a registered platform, so unfinished ones must not pile up.
    const purge = setInterval(() => {
      Promise.all([
        lti.loginStates.purgeExpired(),
        lti.deepLinkSessions.purgeExpired(),
        lti.ltijsDatabase.purgeExpired(),
      ]).catch((error: unknown) =>
        logger.warn({ err: error }, 'purging expired LTI state failed; will retry'),
      );
    }, LTI_PURGE_INTERVAL_MS);
    purge.unref();
    // RETENTION_MONTHS: people inactive longer than that are erased once a day.
    const retention = startRetentionJob(new KnexPersonErasure(database.knex), config.retentionMonths, logger);
    let stopping: Promise<void> | undefined;
    return {
      config,
      database,
      handler,
      devPlatformUrl: devPlatform ? `${config.publicUrl}${DEV_PLATFORM_PATH}` : null,
      shutdown: () =>
        (stopping ??= (async () => {
          clearInterval(purge);
          retention.stop();
          await standaloneJobs.stop();
          await content.close();
          // After HTTP (no new work arrives), before the database (the worker marks its rows).
          await mailDelivery.stop();
          await gradeDelivery.stop();
          await database.close();
        })()),
    };
  } catch (error) {
    await mail?.stop();
    await grades?.stop();
    await database.close();
    throw error;
  }
}

/**
 * Opens the database, applies migrations, and serves HTTP (`createKompetenta` + listen). Shutdown
 * stops accepting, lets in-flight requests finish, then stops the workers and closes the database
 * (which flushes the embedded one to disk).
 */
export async function startKompetenta(config: AppConfig, logger: Logger): Promise<Kompetenta> {
  // Read before anything opens: a wrong path is a configuration error, not a half-started server.
  const tls = readTlsCredentials(config);
  const composed = await createKompetenta(config, logger);
  let server: RunningServer;
  try {
    server = await listen(composed.handler, config.port, config.host, tls);
  } catch (error) {
    await composed.shutdown();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    config,
    database: composed.database,
    server,
    devPlatformUrl: composed.devPlatformUrl,
    shutdown: () =>
      (stopping ??= (async () => {
        await server.stop(config.shutdownTimeoutMs);
        await composed.shutdown();
      })()),
  };
}

/** The URLs a person starting Kompetenta needs, one per line. */
export function startupBanner(
  config: AppConfig,
  kompetenta: Pick<Kompetenta, 'database' | 'server'> & { readonly devPlatformUrl?: string | null },
): string[] {
  const base = config.publicUrl;
  return [
    `Kompetenta is running on port ${kompetenta.server.port} (${kompetenta.database.location}).`,
    `  Health:     ${base}/healthz`,
    `  Readiness:  ${base}/readyz`,
    'LTI 1.3 tool (register it in your LMS with these):',
    `  Login (OIDC initiation):  ${base}/lti/login`,
    `  Launch / redirect URI:    ${base}/lti/launch`,
    `  Public keys (JWKS):       ${base}/lti/keys`,
    `  Dynamic registration:     ${base}/lti/register`,
    `  Canvas configuration:     ${base}/lti/canvas.json`,
    ...(kompetenta.devPlatformUrl
      ? [`Try it without an LMS (development platform): ${kompetenta.devPlatformUrl}`]
      : []),
    'Register a platform: npx kompetenta platform add --help',
    'Stop with Ctrl+C.',
  ];
}

/** Runs until SIGTERM or SIGINT, then shuts down gracefully. */
export async function runUntilSignalled(
  config: AppConfig,
  logger: Logger,
  print: (line: string) => void,
): Promise<void> {
  const kompetenta = await startKompetenta(config, logger);
  for (const line of startupBanner(config, kompetenta)) print(line);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      kompetenta.shutdown().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  logger.info('stopped');
}
