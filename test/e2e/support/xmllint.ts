import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ScormVersion } from '@kompetenta/scorm-runtime';
import { repoRoot } from './packageServer';

const drivers: Record<ScormVersion, string> = {
  scorm12: join('scorm12', 'scorm12_manifest.xsd'),
  scorm2004: join('scorm2004', 'scorm2004_manifest.xsd'),
};

/** The official SCORM schemas: SCORM_SCHEMAS_DIR, else ../shared/schemas next to the repository; undefined if neither exists. */
export function schemasDir(): string | undefined {
  const candidates = [process.env['SCORM_SCHEMAS_DIR'], join(repoRoot, '..', 'shared', 'schemas')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, drivers.scorm12)));
}

/** Runs `xmllint --noout --nonet --schema <driver> <manifest>`; returns exit status and stderr. */
export function xmllint(
  version: ScormVersion,
  manifestPath: string,
  dir: string,
): { status: number | null; stderr: string } {
  execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  const result = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', join(dir, drivers[version]), manifestPath],
    { encoding: 'utf8' },
  );
  return { status: result.status, stderr: result.stderr };
}
