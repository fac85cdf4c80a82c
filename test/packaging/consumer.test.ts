import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { publicPackages, repoRoot } from './workspacePackages';

const run = promisify(execFile);

/**
 * test/consumer is a host project of its own (strict, `module`/`moduleResolution` `nodenext`)
 * that imports every public package by name: through node_modules/@kompetenta/* (workspace
 * links) and each package's `exports`/`types`, to the built declarations in dist/. If a package
 * stops exporting what a host uses, or its declarations stop resolving, tsc fails here.
 */
describe('a type-only consumer of the public packages', function () {
  before(function () {
    const unbuilt = publicPackages().filter((pkg) => !existsSync(join(pkg.dir, 'dist', 'index.d.ts')));
    if (unbuilt.length > 0) {
      throw new Error(
        `no dist/index.d.ts in ${unbuilt.map((pkg) => pkg.folder).join(', ')}: run npm run build`,
      );
    }
  });

  it('type-checks with tsc (nodenext, strict) against the built packages', async function () {
    this.timeout(180_000); // a full tsc over the declarations: ~10 s of CPU, more on a busy machine
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', join('test', 'consumer')], { cwd: repoRoot }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(result.output, 'tsc output').to.equal('');
    expect(result.code, 'tsc exit status').to.equal(0);
  });

  it('imports every public package', function () {
    const source = ['esmHost.mts', 'commonJsHost.cts']
      .map((file) => readFileSync(join(repoRoot, 'test', 'consumer', file), 'utf8'))
      .join('\n');
    const missing = publicPackages()
      .map((pkg) => pkg.manifest.name)
      .filter((name) => !source.includes(`from '${name}'`));
    expect(missing, 'public packages the consumer does not import').to.deep.equal([]);
  });
});
