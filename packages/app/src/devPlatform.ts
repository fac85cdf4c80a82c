import type { Stores } from '@kompetenta/core';
import type { Router } from 'express';
import type { Logger } from 'pino';

/** Where the development platform is mounted. */
export const DEV_PLATFORM_PATH = '/dev/platform';

/** The part of @kompetenta/test-utils's `createDevPlatform` the app uses. */
interface DevPlatformModule {
  createDevPlatform(options: {
    publicUrl: string;
    courses: () => Promise<readonly { slug: string; title: string }[]>;
  }): Promise<{
    router: Router;
    issuer: string;
    clientId: string;
    deploymentId: string;
    authUrl: string;
    tokenUrl: string;
    jwksUrl: string;
  }>;
}

/**
 * test-utils is a devDependency: an install without dev dependencies (production) has no such
 * module, and then the development platform is simply not there. Only its dev-platform entry is
 * loaded, not the test helpers (mocha, chai) of its main entry.
 */
const MODULE = '@kompetenta/test-utils/dist/devPlatform/index.js';

async function loadModule(logger: Logger): Promise<DevPlatformModule | null> {
  try {
    return (await import(MODULE)) as DevPlatformModule;
  } catch (error) {
    logger.warn(
      { module: MODULE, err: error },
      'development platform not mounted: @kompetenta/test-utils is not installed (npm install without --omit=dev)',
    );
    return null;
  }
}

/**
 * In development, mounts the platform emulator at /dev/platform and registers it (approved, one
 * deployment) for the organisation "Demo-organisation", once: later starts find it and add nothing.
 * Returns its router, or null when test-utils is missing.
 */
export async function startDevPlatform(
  publicUrl: string,
  stores: Stores,
  logger: Logger,
): Promise<Router | null> {
  const module = await loadModule(logger);
  if (!module) return null;
  const platform = await module.createDevPlatform({
    publicUrl,
    courses: async () =>
      (await stores.courses.listCourses()).map((course) => ({ slug: course.slug, title: course.title })),
  });
  await stores.transaction(async (tx) => {
    const existing = await tx.tenants.findPlatform(platform.issuer, platform.clientId);
    if (existing) return;
    const organisation =
      (await tx.organisations.list()).find((org) => org.name === 'Demo-organisation') ??
      (await tx.organisations.create({ name: 'Demo-organisation', kind: 'ovrig' }));
    const registered = await tx.tenants.addPlatform({
      issuer: platform.issuer,
      clientId: platform.clientId,
      name: 'Utvecklingsplattform',
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      status: 'approved',
    });
    await tx.tenants.addDeployment(registered.id, platform.deploymentId, organisation.id);
    logger.info(
      { issuer: platform.issuer, organisationId: organisation.id },
      'development platform registered',
    );
  });
  return platform.router;
}
