import { join } from 'node:path';
import { expect } from 'chai';
import { readJson, repoRoot, workspacePackages, type PackageManifest } from './workspacePackages';

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/** One `@kompetenta/*` dependency declared by a workspace package. */
interface InternalDependency {
  readonly from: string;
  readonly field: (typeof DEPENDENCY_FIELDS)[number];
  readonly on: string;
  readonly range: string;
}

function internalDependencies(): InternalDependency[] {
  return workspacePackages().flatMap(({ manifest }) =>
    DEPENDENCY_FIELDS.flatMap((field) =>
      Object.entries(manifest[field] ?? {})
        .filter(([name]) => name.startsWith('@kompetenta/'))
        .map(([on, range]) => ({ from: manifest.name, field, on, range })),
    ),
  );
}

/**
 * The packages are versioned together (lerna fixed mode, lerna.json `version`), so an internal
 * dependency is pinned to exactly that version: one style everywhere, and a published package
 * never runs against a sibling from another release. `lerna version` rewrites the pins.
 */
describe('internal dependency ranges', function () {
  const packages = workspacePackages();
  const versions = new Map(packages.map(({ manifest }) => [manifest.name, manifest.version]));
  const lernaVersion = readJson<{ version: string }>(join(repoRoot, 'lerna.json')).version;

  it('every workspace package has the version lerna.json fixes', function () {
    const off = packages
      .filter(({ manifest }) => manifest.version !== lernaVersion)
      .map(({ manifest }) => `${manifest.name}@${manifest.version}`);
    expect(off, `versions other than lerna.json's ${lernaVersion}`).to.deep.equal([]);
  });

  it('every @kompetenta/* dependency names a workspace package', function () {
    const unknown = internalDependencies().filter((dep) => !versions.has(dep.on));
    expect(unknown).to.deep.equal([]);
  });

  it('every @kompetenta/* range is the exact version of the sibling it names', function () {
    const unsatisfied = internalDependencies()
      .filter((dep) => dep.range !== versions.get(dep.on))
      .map((dep) => `${dep.from} ${dep.field} ${dep.on}@${dep.range} (sibling is ${versions.get(dep.on)})`);
    expect(unsatisfied).to.deep.equal([]);
  });

  it('no public package needs a private one to run', function () {
    const privateNames = new Set(
      packages.filter(({ manifest }) => manifest.private === true).map(({ manifest }) => manifest.name),
    );
    const leaks = internalDependencies()
      .filter((dep) => dep.field !== 'devDependencies' && privateNames.has(dep.on))
      .filter((dep) => readManifest(dep.from).private !== true)
      .map((dep) => `${dep.from} ${dep.field} ${dep.on}`);
    expect(leaks).to.deep.equal([]);
  });

  function readManifest(name: string): PackageManifest {
    const found = packages.find(({ manifest }) => manifest.name === name);
    if (found === undefined) throw new Error(`${name} is not a workspace package`);
    return found.manifest;
  }
});
