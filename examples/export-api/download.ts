/**
 * Downloads a CSV export from a Kompetenta that is already running, with a token made there by
 * `npx kompetenta token create` (the same request as the curl command in the README):
 *
 *   KOMPETENTA_URL=http://localhost:3000 KOMPETENTA_TOKEN=kmp_... npx tsx examples/export-api/download.ts [output file]
 *
 * Exits 1 on any refusal, printing the status and error code. Loads nothing of Kompetenta itself.
 */
import { join, resolve } from 'node:path';
import { downloadExport, report } from './downloadExport';

async function main(): Promise<void> {
  const url = process.env['KOMPETENTA_URL'];
  if (!url) throw new Error('Set KOMPETENTA_URL to the running server, e.g. http://localhost:3000.');
  const outFile = resolve(process.argv[2] ?? join(__dirname, 'out', `${report}.csv`));
  await downloadExport(url.replace(/\/+$/, ''), process.env['KOMPETENTA_TOKEN'] ?? '', outFile);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
