/**
 * Creates an API token and downloads a CSV export over HTTP (GET /api/exports/<report>.csv),
 * self-contained:
 *
 *   npx tsx examples/export-api/export.ts [output file]
 *
 * It makes a temporary data folder, adds an organisation, an event and an attendance roster and
 * creates a token with the `kompetenta` CLI commands, starts Kompetenta on the embedded database,
 * downloads the export with the token and stops again. REPORT picks the export (default
 * attendance-by-event-type). For a server that is already running, see download.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger, defineConfig, startKompetenta } from '@kompetenta/app';
import { downloadExport, report } from './downloadExport';
import { seedWithCli } from './seedWithCli';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
    probe.on('error', reject);
  });
}

/** Seeds a temporary Kompetenta with the CLI, serves it, downloads, and shuts it down. */
async function selfContained(outFile: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kompetenta-export-api-'));
  try {
    const dataDir = join(work, 'data');
    const coursesDir = join(work, 'courses'); // no courses: nothing to build at start
    mkdirSync(coursesDir);
    // The CLI reads the same settings from the environment that the server gets in code below.
    const env = { DATA_DIR: dataDir, COURSES_DIR: coursesDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' };
    const token = await seedWithCli(env, work);
    console.log(`Created API token ${token.id} with kompetenta token create.`);
    const port = await freePort();
    const config = defineConfig(
      {
        publicUrl: `http://127.0.0.1:${port}`,
        port,
        host: '127.0.0.1',
        dataDir,
        coursesDir,
        logLevel: 'silent',
        devPlatform: false,
      },
      work,
    );
    const kompetenta = await startKompetenta(config, createLogger(config));
    try {
      await downloadExport(config.publicUrl, token.secret, outFile);
    } finally {
      await kompetenta.shutdown();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await selfContained(resolve(process.argv[2] ?? join(__dirname, 'out', `${report}.csv`)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
