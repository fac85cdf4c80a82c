/**
 * Downloads a CSV export over HTTP with an API token (GET /api/exports/<report>.csv).
 *
 *   npx tsx examples/export-api/export.ts [output file]
 *
 * Without KOMPETENTA_URL it is self-contained: it makes a temporary data folder, adds an
 * organisation, an event and an attendance roster and creates a token with the `kompetenta` CLI
 * commands, starts Kompetenta on the embedded database, downloads the export and stops again.
 * With KOMPETENTA_URL and KOMPETENTA_TOKEN it downloads from that running server instead.
 * REPORT picks the export (default attendance-by-event-type). Exits 1 on any refusal, printing the
 * status and error code (401 TOKEN_BEARER_MISSING, TOKEN_SECRET_UNKNOWN, TOKEN_ACCESS_REVOKED …).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createLogger, defineConfig, startKompetenta } from '@kompetenta/app';
import { seedWithCli } from './seedWithCli';

const report = process.env['REPORT'] ?? 'attendance-by-event-type';

/** GET the export with `Authorization: Bearer <token>` (no header when the token is empty). */
async function downloadExport(baseUrl: string, token: string, outFile: string): Promise<void> {
  const url = `${baseUrl}/api/exports/${report}.csv?separator=semicolon`;
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new Error(`GET ${url} answered ${response.status} ${body.code ?? ''}: ${body.message ?? ''}`);
  }
  // The bytes as served: UTF-8 with a BOM (Excel reads å, ä, ö right) and CRLF line ends.
  const csv = Buffer.from(await response.arrayBuffer());
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, csv);
  const rows = csv.toString('utf8').trim().split('\r\n').length - 1;
  console.log(`Wrote ${outFile} (${report}, ${rows} row(s) after the header).`);
}

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
  const outFile = resolve(process.argv[2] ?? join(__dirname, 'out', `${report}.csv`));
  const url = process.env['KOMPETENTA_URL'];
  if (url) await downloadExport(url.replace(/\/+$/, ''), process.env['KOMPETENTA_TOKEN'] ?? '', outFile);
  else await selfContained(outFile);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
