import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { playerScriptPath } from '@kompetenta/scorm-player';
import { Router, type Request, type Response } from 'express';
import { asyncHandler } from '../http/asyncHandler';

interface Asset {
  readonly mtimeMs: number;
  readonly body: Buffer;
  readonly etag: string;
}

/** The bundle's files, found through the package's exports (built by `npm run build`). */
const assets = {
  [playerScriptPath]: {
    module: '@kompetenta/scorm-player/player.js',
    type: 'text/javascript; charset=utf-8',
  },
  [`${playerScriptPath}.map`]: {
    module: '@kompetenta/scorm-player/player.js.map',
    type: 'application/json; charset=utf-8',
  },
} as const;

const cache = new Map<string, Asset>();

/** Reads a file once per build: kept in memory, read again when its modification time changes. */
async function load(file: string): Promise<Asset> {
  const { mtimeMs } = await stat(file);
  const cached = cache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached;
  const body = await readFile(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const asset = { mtimeMs, body, etag };
  cache.set(file, asset);
  return asset;
}

function resolveAsset(module: string): string | undefined {
  try {
    return require.resolve(module);
  } catch {
    return undefined;
  }
}

/**
 * `GET /play/assets/player.js` (and its source map): the `@kompetenta/scorm-player` bundle. The
 * URL carries no version, so browsers revalidate (`no-cache`) and get a 304 while the content
 * hash (ETag) is the same; a new build is picked up at once.
 */
export function createPlayerAssetsRouter(): Router {
  const router = Router();
  for (const [path, { module, type }] of Object.entries(assets)) {
    router.get(
      path,
      asyncHandler(async (req: Request, res: Response) => {
        const file = resolveAsset(module);
        if (!file) {
          res.status(404).type('text/plain').send('The player bundle is not built: run "npm run build".');
          return;
        }
        const asset = await load(file);
        res.set({ 'Content-Type': type, 'Cache-Control': 'no-cache', ETag: asset.etag });
        if (req.headers['if-none-match'] === asset.etag) res.status(304).end();
        else res.send(asset.body);
      }),
    );
  }
  return router;
}
