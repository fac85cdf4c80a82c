import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  PUBLIC_PACKAGE_NAMES,
  publicPackages,
  readJson,
  repoRoot,
  type PackageManifest,
  type WorkspacePackage,
} from './workspacePackages';

const run = promisify(execFile);

/** Files every package ships besides its build output. */
const PACKAGE_DOCS = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * Non-TypeScript files a package reads at run time, so they must be in the tarball: the course
 * builder's handlebars templates, stylesheet and LMS harness, and the browser runtime it bundles
 * with esbuild while building a course (runtime/*.ts); the mailer's templates.
 */
const RUNTIME_ASSETS: Readonly<Record<string, readonly string[]>> = {
  '@kompetenta/course-builder': ['templates', 'assets', 'runtime'],
  '@kompetenta/mailer': ['templates'],
};

/** Built files a package needs that tsc does not write (the player bundle is esbuild's). */
const EXTRA_BUILD_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '@kompetenta/scorm-player': ['dist/player.js'],
};

/** What `npm pack --dry-run --json` reports for one package (the parts used here). */
interface PackReport {
  readonly name: string;
  readonly files: readonly { readonly path: string }[];
}

async function packedFiles(pkg: WorkspacePackage): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: pkg.dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as PackReport[];
  if (report?.name !== pkg.manifest.name) {
    throw new Error(`npm pack in ${pkg.dir} reported ${report?.name ?? 'nothing'}`);
  }
  return report.files.map((file) => file.path).sort();
}

/** Why a packed path is not allowed, or undefined when it is. */
function disallowedBecause(path: string, assetDirs: readonly string[]): string | undefined {
  if (PACKAGE_DOCS.includes(path)) return undefined;
  if (path.startsWith('dist/')) {
    if (path.endsWith('.tsbuildinfo')) return 'TypeScript build state';
    if (path.startsWith('dist/runtime-types/')) return 'declarations of the browser runtime type-check';
    return /\.(js|d\.ts|js\.map|d\.ts\.map)$/.test(path) ? undefined : 'not build output';
  }
  const assetDir = assetDirs.find((dir) => path.startsWith(`${dir}/`));
  if (assetDir === undefined) return 'neither dist/, the package docs nor a runtime asset';
  if (assetDir === 'runtime' && !/^runtime\/[^/]+\.ts$/.test(path)) return 'not a runtime source';
  return undefined;
}

/** Every file the manifest points at: main, types, bin and every exports target. */
function entryFiles(manifest: PackageManifest): string[] {
  const targets: string[] = [];
  if (manifest.main !== undefined) targets.push(manifest.main);
  if (manifest.types !== undefined) targets.push(manifest.types);
  targets.push(...Object.values(manifest.bin ?? {}));
  for (const target of Object.values(manifest.exports ?? {})) {
    targets.push(...(typeof target === 'string' ? [target] : Object.values(target)));
  }
  return targets.map((target) => target.replace(/^\.\//, ''));
}

/** Every file under a package's asset folder on disk, relative to the package. */
function assetFilesOnDisk(pkg: WorkspacePackage, assetDir: string): string[] {
  const dir = join(pkg.dir, assetDir);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(pkg.dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((file) => assetDir !== 'runtime' || /^runtime\/[^/]+\.ts$/.test(file));
}

describe('npm pack of every public package', function () {
  const packages = publicPackages();
  const packed = new Map<string, string[]>();

  before(async function () {
    this.timeout(180_000); // nine npm packs in parallel: ~1 s each, more on a busy machine
    const missingBuild = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist', 'index.js')));
    if (missingBuild.length > 0) {
      throw new Error(
        `no dist/ in ${missingBuild.map((pkg) => pkg.folder).join(', ')}: run npm run build first`,
      );
    }
    const lists = await Promise.all(packages.map((pkg) => packedFiles(pkg)));
    packages.forEach((pkg, index) => packed.set(pkg.manifest.name, lists[index] ?? []));
  });

  it('covers exactly the packages meant for npm (test-utils stays private)', function () {
    expect(packages.map((pkg) => pkg.manifest.name).sort()).to.deep.equal([...PUBLIC_PACKAGE_NAMES]);
  });

  for (const name of PUBLIC_PACKAGE_NAMES) {
    describe(name, function () {
      const pkg = () => packages.find((candidate) => candidate.manifest.name === name)!;
      const files = () => packed.get(name) ?? [];

      it('ships only dist/, README, LICENSE, CHANGELOG and its runtime assets', function () {
        const assetDirs = RUNTIME_ASSETS[name] ?? [];
        const refused = files()
          .map((path) => ({ path, reason: disallowedBecause(path, assetDirs) }))
          .filter((entry) => entry.reason !== undefined);
        expect(refused, 'files that should not be published').to.deep.equal([]);
      });

      it('ships its README, LICENSE, CHANGELOG and every file its manifest points at', function () {
        const needed = [...PACKAGE_DOCS, ...entryFiles(pkg().manifest), ...(EXTRA_BUILD_OUTPUT[name] ?? [])];
        expect(
          needed.filter((file) => !files().includes(file)),
          'missing from the tarball',
        ).to.deep.equal([]);
      });

      it('ships every runtime asset it reads', function () {
        const assets = (RUNTIME_ASSETS[name] ?? []).flatMap((dir) => assetFilesOnDisk(pkg(), dir));
        expect(
          assets.filter((file) => !files().includes(file)),
          'missing from the tarball',
        ).to.deep.equal([]);
      });

      it('has the metadata npm and consumers need', function () {
        const manifest = pkg().manifest;
        const rootEngines = readJson<PackageManifest>(join(repoRoot, 'package.json')).engines;
        expect(manifest.description ?? '', 'description').to.not.equal('');
        expect(manifest.keywords ?? [], 'keywords').to.include('kompetenta');
        expect(manifest.license).to.equal('Apache-2.0');
        expect(manifest.repository?.directory).to.equal(`packages/${pkg().folder}`);
        expect(manifest.engines).to.deep.equal(rootEngines);
        expect(manifest.publishConfig).to.deep.include({ access: 'public' });
        const main = manifest.exports?.['.'];
        expect(main, 'exports["."]').to.be.an('object');
        expect(Object.keys(main as object)[0], 'the types condition comes first').to.equal('types');
        expect(main).to.deep.include({ types: `./${manifest.types}`, default: `./${manifest.main}` });
      });
    });
  }
});
