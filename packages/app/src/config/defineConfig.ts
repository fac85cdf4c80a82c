import { AppError } from '@kompetenta/core';
import { isAbsolute, join, resolve } from 'node:path';
import type { AppConfig } from './AppConfig';
import { loadConfig } from './loadConfig';

/**
 * What a host application sets in code instead of environment variables: any `AppConfig` field,
 * with paths relative to `cwd`. `publicUrl` is required: it says where Kompetenta is mounted.
 */
export type KompetentaSettings = Partial<AppConfig> & { readonly publicUrl: string };

function invalid(problem: string): AppError {
  return new AppError('APP_CONFIG_INVALID', `Invalid configuration: ${problem}.`, { problems: [problem] });
}

/** An http(s) URL without query or fragment, trailing slashes removed; its path is the mount path. */
function checkedPublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`publicUrl must be a URL such as https://portal.example.se/learning (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(`publicUrl must start with http:// or https:// (got "${value}")`);
  if (url.search || url.hash) throw invalid(`publicUrl must not have a query or fragment (got "${value}")`);
  return value.replace(/\/+$/, '');
}

/**
 * A whole, checked `AppConfig` from the settings a host application gives in code: every field it
 * leaves out gets the default `loadConfig` gives an empty environment (of `settings.environment`,
 * default development), relative directories are resolved against `cwd`, and the same rules as
 * for the environment apply (no auto-approve or development platform in production, the LTI
 * encryption key required there). A bad setting throws `APP_CONFIG_INVALID` naming it.
 */
export function defineConfig(settings: KompetentaSettings, cwd: string): AppConfig {
  const environment = settings.environment ?? 'development';
  if (!['development', 'production', 'test'].includes(environment))
    throw invalid(`environment must be development, production or test (got "${String(environment)}")`);
  // The defaults of every field but devPlatform do not depend on NODE_ENV; production's own rules
  // (the encryption key) are checked below, on the settings, with their names in code.
  const defaults = loadConfig({ NODE_ENV: 'test' }, cwd);
  const publicUrl = checkedPublicUrl(settings.publicUrl);
  if (
    settings.port !== undefined &&
    !(Number.isInteger(settings.port) && settings.port >= 0 && settings.port <= 65535)
  )
    throw invalid(`port must be a whole number between 0 and 65535 (got ${String(settings.port)})`);
  const directory = (path: string | undefined, fallback: string): string =>
    path === undefined ? fallback : isAbsolute(path) ? path : resolve(cwd, path);
  const dataDir = directory(settings.dataDir, defaults.dataDir);
  const config: AppConfig = {
    ...defaults,
    ...settings,
    environment,
    publicUrl,
    dataDir,
    coursesDir: directory(settings.coursesDir, defaults.coursesDir),
    packagesDir: directory(settings.packagesDir, join(dataDir, 'packages')),
    devPlatform: settings.devPlatform ?? environment === 'development',
  };
  if (config.devPlatform && environment !== 'development')
    throw invalid(`devPlatform is for development; it is never mounted with environment ${environment}`);
  if (config.ltiAutoApprove && environment === 'production')
    throw invalid('ltiAutoApprove is for development; an admin approves registrations in production');
  if (environment === 'production' && config.ltiEncryptionKey === undefined)
    throw invalid('ltiEncryptionKey (32 bytes) is required in production');
  if (config.ltiEncryptionKey !== undefined && config.ltiEncryptionKey.length !== 32)
    throw invalid(`ltiEncryptionKey must be 32 bytes (got ${config.ltiEncryptionKey.length})`);
  if (config.smtpUrl !== undefined && settings.mailFrom === undefined)
    throw invalid('mailFrom is required when smtpUrl is set');
  return config;
}
