import { temporaryDataDir, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../packages/app/src/config/loadConfig';
import { startKompetenta, type Kompetenta } from '../../../packages/app/src/main';
import { coursesDir, repoRoot } from './packageServer';

/** A real Kompetenta for a browser test: embedded database and a temporary DATA_DIR. */
export interface E2eServer {
  readonly kompetenta: Kompetenta;
  /** `http://localhost:<port>`, also PUBLIC_URL. */
  readonly base: string;
  /** Where the mailer writes `.eml` files (no SMTP_URL). */
  readonly outbox: string;
  close(): Promise<void>;
}

/**
 * Starts Kompetenta on a free port of localhost with `env` added to the configuration. With
 * `courses`, those folders of `courses/` are copied in, so the start builds them (and the player
 * bundle is built from the current source first, as the player slice does); without, there are
 * no courses.
 */
export async function startE2eServer(
  options: { env?: Record<string, string>; courses?: readonly string[] } = {},
): Promise<E2eServer> {
  if (options.courses?.length) {
    const bundled = spawnSync(
      process.execPath,
      [join(repoRoot, 'packages', 'scorm-player', 'scripts', 'bundle.mjs')],
      { encoding: 'utf8' },
    );
    expect(bundled.status, bundled.stderr).to.equal(0);
  }
  const data = temporaryDataDir();
  const courses = join(data.dir, 'courses');
  mkdirSync(courses);
  for (const slug of options.courses ?? [])
    cpSync(join(coursesDir, slug), join(courses, slug), { recursive: true });
  const port = await unusedLoopbackPort();
  const base = `http://localhost:${port}`;
  const config = loadConfig(
    {
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: join(data.dir, 'data'),
      COURSES_DIR: courses,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    data.dir,
  );
  const kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
  return {
    kompetenta,
    base,
    outbox: join(config.dataDir, 'outbox'),
    async close() {
      await kompetenta.shutdown();
      data.remove();
    },
  };
}
