import { join } from 'node:path';
import { expect } from 'chai';
import { readJson, repoRoot, workspacePackages, type PackageManifest } from './workspacePackages';

/**
 * npm shows a package's `repository` as its source link, and `directory` takes the reader to the
 * package's folder in the monorepo. The URL is written once in the root package.json; every
 * package repeats it with its own folder, so changing the URL means changing all of them together
 * (docs/development/packages.md says when: before the first publish).
 */
describe('repository field', function () {
  const root = readJson<PackageManifest>(join(repoRoot, 'package.json')).repository;

  it('the root package.json names the git repository', function () {
    expect(root?.type).to.equal('git');
    expect(root?.url ?? '').to.match(/^git\+https:\/\/.+\.git$/);
    expect(root?.directory, 'the root is the repository itself').to.equal(undefined);
  });

  it("every workspace package names the root's repository, with its own folder as directory", function () {
    const off = workspacePackages()
      .filter(
        ({ manifest, folder }) =>
          manifest.repository?.type !== root?.type ||
          manifest.repository?.url !== root?.url ||
          manifest.repository?.directory !== `packages/${folder}`,
      )
      .map(({ manifest }) => `${manifest.name}: ${JSON.stringify(manifest.repository)}`);
    expect(off).to.deep.equal([]);
  });
});
