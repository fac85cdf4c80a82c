import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file is test/packaging/workspacePackages.ts). */
export const repoRoot = join(__dirname, '..', '..');

/** The parts of a workspace package.json the packaging tests read. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly keywords?: readonly string[];
  readonly license?: string;
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly main?: string;
  readonly types?: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
  readonly files?: readonly string[];
  readonly engines?: Readonly<Record<string, string>>;
  readonly publishConfig?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

/** One package under packages/: its folder (absolute) and its package.json. */
export interface WorkspacePackage {
  readonly dir: string;
  readonly folder: string;
  readonly manifest: PackageManifest;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every workspace package, read from disk (so a new package is checked without editing a list). */
export function workspacePackages(): WorkspacePackage[] {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      dir: join(packagesDir, entry.name),
      folder: entry.name,
      manifest: readJson<PackageManifest>(join(packagesDir, entry.name, 'package.json')),
    }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/** The packages meant for npm: every workspace package not marked private. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true);
}

/** The names of the packages this repository publishes (change it when a package is added). */
export const PUBLIC_PACKAGE_NAMES = [
  '@kompetenta/app',
  '@kompetenta/core',
  '@kompetenta/course-builder',
  '@kompetenta/lti-server',
  '@kompetenta/mailer',
  '@kompetenta/reporting',
  '@kompetenta/scorm-player',
  '@kompetenta/scorm-runtime',
  '@kompetenta/storage',
] as const;
