/**
 * @kompetenta/app — the composition root: configuration from the environment, wiring, the
 * `kompetenta` CLI and the server main.
 * @packageDocumentation
 */
export { loadConfig } from './config/loadConfig';
export { defineConfig, type KompetentaSettings } from './config/defineConfig';
export type { AppConfig } from './config/AppConfig';
export {
  createKompetenta,
  startKompetenta,
  startupBanner,
  type Kompetenta,
  type KompetentaHandler,
} from './main';
export { runCli, createProgram, type CliIo } from './cli/program';
export { createServerApp, type ServerDeps } from './server/createServerApp';
export type { ReportingRouteSettings } from './server/reportingWiring';
export type { RunningServer } from './server/listen';
export { createLogger } from './logger';
