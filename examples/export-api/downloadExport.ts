import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The export to download: REPORT, default attendance-by-event-type (docs/reference/http-api.md). */
export const report = process.env['REPORT'] ?? 'attendance-by-event-type';

/**
 * GET /api/exports/<report>.csv with `Authorization: Bearer <token>` (no header when the token is
 * empty) and write the bytes as served to `outFile`. A refusal throws with its status and code
 * (401 TOKEN_BEARER_MISSING, TOKEN_SECRET_UNKNOWN, TOKEN_ACCESS_REVOKED …); nothing is written then.
 */
export async function downloadExport(baseUrl: string, token: string, outFile: string): Promise<void> {
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
