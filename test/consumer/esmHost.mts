/**
 * A host application written as an ES module, using every public Kompetenta package by its name
 * only, the way it would after `npm install @kompetenta/...`. It is type-checked, never run
 * (test/packaging/consumer.test.ts runs tsc on it): it proves that each package's `exports` and
 * `types` lead to declarations a strict `nodenext` project can use.
 */
import { AppError, errorCodes, isAppError, type Clock, type ErrorCode } from '@kompetenta/core';
import { openDatabase, createStores, type Database, type DatabaseConfig } from '@kompetenta/storage';
import { validateCmiCommit, toAgsScore, type AgsScore } from '@kompetenta/scorm-runtime';
import { parsePlayerConfig, type PlayerConfig } from '@kompetenta/scorm-player';
import {
  buildCourse,
  formatProblem,
  validateCourse,
  type CourseSource,
  type Problem,
} from '@kompetenta/course-builder';
import { createMailer, type Mailer, type MailerOptions } from '@kompetenta/mailer';
import { suppressTable, writeCsv, type SuppressedTable } from '@kompetenta/reporting';
import {
  createApp,
  createLtiRouter,
  type LtiRouterDeps,
  type LtiRouterOptions,
} from '@kompetenta/lti-server';
import { createKompetenta, defineConfig, type AppConfig, type KompetentaHandler } from '@kompetenta/app';

const clock: Clock = { now: () => new Date(0) };
const code: ErrorCode = errorCodes()[0]!;
const failure: unknown = new AppError(code, 'shown to the host');
export const hostSeesAppErrors: boolean = isAppError(failure) && clock.now().getTime() === 0;

const databaseConfig: DatabaseConfig = {};
export const database: Promise<Database> = openDatabase(databaseConfig);
export const stores = (db: Database) => createStores(db.knex);

export const commitCheck = validateCmiCommit('2004', { 'cmi.completion_status': 'completed' });
export const scoreOf: (source: Parameters<typeof toAgsScore>[0]) => AgsScore = (source) =>
  toAgsScore(source, 'sub-1', new Date(0));
export const playerConfig = (value: unknown): PlayerConfig | undefined => {
  const result = parsePlayerConfig(value);
  return result.ok ? result.config : undefined;
};

export const problemsOf = (source: CourseSource): readonly string[] =>
  validateCourse(source).map((problem: Problem) => formatProblem(problem));
export const builtCourse = (source: CourseSource) => buildCourse(source, { outDir: 'dist/packages' });

const mailerOptions: MailerOptions = { from: 'kurs@example.org', outboxDir: 'data/outbox' };
export const mailer: Mailer = createMailer(mailerOptions);

export const table: SuppressedTable = suppressTable(
  { rowLabels: ['Kommun A'], columnLabels: ['kvinna', 'man'], counts: [[7, 2]] },
  { threshold: 5 },
);
export const csv = writeCsv;

export const ltiRouter = (deps: LtiRouterDeps, options: LtiRouterOptions) => createLtiRouter(deps, options);
export const ltiApp = (deps: LtiRouterDeps, options: LtiRouterOptions) => createApp(deps, options);

const config: AppConfig = defineConfig({ publicUrl: 'https://portal.example/learning' }, process.cwd());
export const kompetenta = (logger: Parameters<typeof createKompetenta>[1]): Promise<KompetentaHandler> =>
  createKompetenta(config, logger);
