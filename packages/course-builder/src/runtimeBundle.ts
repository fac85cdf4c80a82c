import { join } from 'node:path';
import { build } from 'esbuild';

const entry = join(__dirname, '..', 'runtime', 'main.ts');
let cached: Promise<Buffer> | undefined;

/**
 * Bundles the browser runtime (runtime/*.ts, TypeScript) into one script with esbuild. Done at
 * course-build time from the shipped sources, so there is no separate browser build step; the
 * result is cached for the life of the process (a build of five courses bundles once).
 * `tsconfigRaw` holds the options of tsconfig.base.json that esbuild applies (same bytes), so it does
 * not depend on a tsconfig.json esbuild would otherwise look up around the installed package
 * (runtime/tsconfig.json is not published; without this, a host project's tsconfig would apply).
 */
export function runtimeScript(): Promise<Buffer> {
  cached ??= build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2019'],
    platform: 'browser',
    legalComments: 'none',
    minify: true,
    sourcemap: false,
    tsconfigRaw: { compilerOptions: { strict: true, useDefineForClassFields: true } },
  }).then((result) => Buffer.from(result.outputFiles[0]?.contents ?? new Uint8Array()));
  return cached;
}
