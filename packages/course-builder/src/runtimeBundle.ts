import { join } from 'node:path';
import { build } from 'esbuild';

const entry = join(__dirname, '..', 'runtime', 'main.ts');
let cached: Promise<Buffer> | undefined;

/**
 * Bundles the browser runtime (runtime/*.ts, TypeScript) into one script with esbuild. Done at
 * course-build time from the shipped sources, so there is no separate browser build step; the
 * result is cached for the life of the process (a build of five courses bundles once).
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
  }).then((result) => Buffer.from(result.outputFiles[0]?.contents ?? new Uint8Array()));
  return cached;
}
