// Bundles the player (src/main.ts + scorm-again) into dist/player.js for the browser: one IIFE,
// minified, with a source map. `npm run build` runs this after `tsc -b`; lti-server serves the
// result at /play/assets/player.js (require.resolve('@kompetenta/scorm-player/player.js')).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes dist/player.js and dist/player.js.map; resolves with the bundle's path. */
export async function bundlePlayer() {
  const outfile = join(root, 'dist', 'player.js');
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2019'],
    minify: true,
    sourcemap: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundlePlayer();
}
